import * as tf from "@tensorflow/tfjs-core";
import { keepOriginal } from "./wasm-ops";
import { batchMatMul } from "./batch-mat-mul";
import { fusedMatMul } from "./fused-mat-mul";
import { conv2dBackpropFilter } from "./conv2d-backprop-filter";
import { conv2dBackpropInput } from "./conv2d-backprop-input";
import { depthwiseBackpropFilter } from "./depthwise-backprop-filter";
import { depthwiseBackpropInput } from "./depthwise-backprop-input";
import { maxPoolGrad } from "./max-pool-grad";
import { resizeNearestNeighborGrad } from "./resize-nearest-neighbor-grad";
import { unsortedSegmentSum } from "./unsorted-segment-sum";
import { explicitSamePadding } from "./explicit-same-padding";
import { conv2d } from "./conv2d-forward";
import { gruForward } from "./gru-forward";
import { gatherV2 } from "./gather";
import { identity } from "./identity";
import { cast } from "./cast";
import { RELU_GRADIENT, reluGradientKernel, registerReluGradient } from "./relu-gradient";
import { slice } from "./slice";
import { splitV } from "./split-v";
import { unpack } from "./unpack";
import { adamUpdate } from "./adam-update";
import { ADAM_UPDATE } from "./fused-adam";
import { gruBackward } from "./gru-backward";
import { GRU_BACKWARD, GRU_FORWARD } from "./fused-gru";
import * as inBatch from "./in-batch-softmax-kernels";
import { sumLeading } from "./sum-leading";

const kernels: ReadonlyArray<readonly [string, tf.KernelFunc]> = [
  ["BatchMatMul", batchMatMul as tf.KernelFunc],
  ["Conv2DBackpropFilter", conv2dBackpropFilter as tf.KernelFunc],
  ["Conv2DBackpropInput", conv2dBackpropInput as tf.KernelFunc],
  ["DepthwiseConv2dNativeBackpropFilter", depthwiseBackpropFilter as tf.KernelFunc],
  ["DepthwiseConv2dNativeBackpropInput", depthwiseBackpropInput as tf.KernelFunc],
  ["MaxPoolGrad", maxPoolGrad as tf.KernelFunc],
  ["ResizeNearestNeighborGrad", resizeNearestNeighborGrad as tf.KernelFunc],
  ["UnsortedSegmentSum", unsortedSegmentSum as tf.KernelFunc],
  ["Conv2D", conv2d as tf.KernelFunc],
  ["FusedConv2D", explicitSamePadding("FusedConv2D", false)],
  ["DepthwiseConv2dNative", explicitSamePadding("DepthwiseConv2dNative", true)],
  ["FusedDepthwiseConv2D", explicitSamePadding("FusedDepthwiseConv2D", true)],
  ["GatherV2", gatherV2 as tf.KernelFunc],
  ["Identity", identity as tf.KernelFunc],
  ["Cast", cast as tf.KernelFunc],
  ["Slice", slice as tf.KernelFunc],
  ["SplitV", splitV as unknown as tf.KernelFunc],
  ["Unpack", unpack as unknown as tf.KernelFunc],
  [GRU_FORWARD, gruForward as unknown as tf.KernelFunc],
  [GRU_BACKWARD, gruBackward as unknown as tf.KernelFunc],
  [ADAM_UPDATE, adamUpdate as unknown as tf.KernelFunc],
  [inBatch.IN_BATCH_SOFTMAX, inBatch.inBatchSoftmaxForward as unknown as tf.KernelFunc],
  [inBatch.IN_BATCH_SOFTMAX_GRAD, inBatch.inBatchSoftmaxBackward as unknown as tf.KernelFunc],
  ["Sum", sumLeading as tf.KernelFunc],
  ["_FusedMatMul", fusedMatMul as tf.KernelFunc],
  [RELU_GRADIENT, reluGradientKernel as tf.KernelFunc],
];

/**
 * Registers, for the `wasm` backend, the training kernels `@tensorflow/tfjs-backend-wasm` 4.22
 * lacks (`Conv2DBackpropFilter`, the depthwise backprops, `UnsortedSegmentSum`), a correct
 * `MaxPoolGrad` and `ResizeNearestNeighborGrad` (for upsampling decoders), forward convolutions
 * whose `"same"` padding is correct, `BatchMatMul` / `_FusedMatMul` on mtlkit's native GEMM when small,
 * `Conv2DBackpropInput` routed to XNNPACK's fast paths, a slice-copying `GatherV2`, a sharing `Identity` (and
 * `Cast` to the same dtype),
 * `Slice` / `SplitV` / `Unpack` that copy from the heap (the built-in ones copy the whole input per slice),
 * and mtlkit's fused ops (the GRU of {@link fusedGru}, the Adam step of {@link fusedAdam}, ReLU's gradient in one
 * pass, {@link reluGradient}, which this also makes tfjs-core's gradient of `Relu`).
 * Each is built from the wasm backend's own kernels, small loops over its heap and mtlkit's native SIMD
 * kernels (native/*.ts: small GEMMs, filter and input gradients, 2×2 max-pool gradient) — never a `cpu`
 * kernel. Idempotent; returns the names of the kernels mtlkit registered.
 *
 * @example
 * registerWasmTrainingKernels().slice(0, 2); // → ["BatchMatMul", "Conv2DBackpropFilter"]
 */
export function registerWasmTrainingKernels(): string[] {
  for (const [kernelName, kernelFunc] of kernels) {
    const existing = tf.getKernel(kernelName, "wasm");
    if (existing?.kernelFunc === kernelFunc) continue;
    keepOriginal(kernelName);
    if (existing !== undefined) tf.unregisterKernel(kernelName, "wasm");
    tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc, setupFunc: existing?.setupFunc });
  }
  registerReluGradient();
  return kernels.map(([name]) => name);
}
