import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, wasmKernel } from "./wasm-ops";

/**
 * Wraps the wasm forward convolution `kernelName` so that `pad: "same"` reaches XNNPACK as the
 * explicit padding TensorFlow defines. The built-in kernels hand "same" to XNNPACK, which computes
 * a different padding when a dimension's total padding would be negative (e.g. a 1-wide filter
 * with stride 2 on an even width) and returns wrong outputs.
 *
 * @example
 * // mtlkit registers FusedConv2D as explicitSamePadding("FusedConv2D", false):
 * registerWasmTrainingKernels().includes("FusedConv2D"); // → true
 */
export function explicitSamePadding(kernelName: string, depthwise: boolean): tf.KernelFunc {
  const kernelFunc = ({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo => {
    const typed = (attrs ?? {}) as unknown as tf.Conv2DAttrs;
    if (typed.pad !== "same") return wasmKernel(kernelName, backend as WasmBackend, inputs, attrs);
    const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      typed.strides,
      typed.dilations ?? 1,
      "same",
      typed.dimRoundingMode,
      depthwise,
    );
    const { top, bottom, left, right } = info.padInfo;
    const pad = [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ];
    return wasmKernel(kernelName, backend as WasmBackend, inputs, { ...attrs, pad });
  };
  return kernelFunc as tf.KernelFunc;
}
