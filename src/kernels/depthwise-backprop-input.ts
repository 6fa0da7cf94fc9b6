import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, free, reshape, wasmKernel } from "./wasm-ops";
import { transposedConvInput } from "./transposed-conv-input";
import { depthwiseInfo } from "./depthwise-info";

/**
 * `DepthwiseConv2dNativeBackpropInput` for `wasm`: a stride-1 depthwise convolution of the
 * (dilated, padded) output gradient, all C·m channels at once, with the flipped filter, then a sum
 * over each input channel's m multiplier channels: dx[…,c] = Σ_q (dy[…,c·m+q] ⋆ flip(w[:,:,c,q])).
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("DepthwiseConv2dNativeBackpropInput", "wasm")?.kernelFunc === depthwiseBackpropInput; // → true
 */
export function depthwiseBackpropInput({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const typed = attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  const info = depthwiseInfo(typed.inputShape, filter.shape, typed, "DepthwiseConv2dNativeBackpropInput");
  const [height, width, channels, multiplier] = filter.shape as [number, number, number, number];
  const flipped = wasmKernel("Reverse", wasm, { x: filter }, { dims: [0, 1] });
  const perChannel = reshape(wasm, flipped, [height, width, channels * multiplier, 1]);
  const spread = transposedConvInput(wasm, dy, info, (input, pad) =>
    wasmKernel("DepthwiseConv2dNative", wasm, { x: input, filter: perChannel }, { strides: 1, dilations: 1, pad }),
  );
  free(wasm, flipped, perChannel);
  if (multiplier === 1) return spread;
  const grouped = reshape(wasm, spread, [...typed.inputShape, multiplier]);
  const dx = wasmKernel("Sum", wasm, { x: grouped }, { axis: [4], keepDims: false });
  free(wasm, spread, grouped);
  return dx;
}
