import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, assertChannelsLast, free, transpose, wasmKernel } from "./wasm-ops";

/**
 * `Conv2DBackpropFilter` for `wasm` as one XNNPACK convolution: with the batch moved into the
 * channel axis, dW[kh,kw,ci,co] = Σ x[n, s·oh+kh−top, s·ow+kw−left, ci] · dy[n,oh,ow,co] is a
 * convolution of xᵀ (batch = input channels, channels = samples) with dyᵀ as the filter, dilated
 * by the stride.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("Conv2DBackpropFilter", "wasm")?.kernelFunc === conv2dBackpropFilter; // → true
 */
export function conv2dBackpropFilter({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  assertChannelsLast(info.dataFormat, "Conv2DBackpropFilter");
  const { top, left } = info.padInfo;
  const bottom = info.filterHeight + (info.outHeight - 1) * info.strideHeight - info.inHeight - top;
  const right = info.filterWidth + (info.outWidth - 1) * info.strideWidth - info.inWidth - left;
  let xT = transpose(wasm, x, [3, 1, 2, 0]);
  if (bottom < 0 || right < 0) {
    const size = [
      info.inChannels,
      info.inHeight + Math.min(bottom, 0),
      info.inWidth + Math.min(right, 0),
      info.batchSize,
    ];
    const cropped = wasmKernel("Slice", wasm, { x: xT }, { begin: [0, 0, 0, 0], size });
    free(wasm, xT);
    xT = cropped;
  }
  const dyT = transpose(wasm, dy, [1, 2, 0, 3]);
  const explicit = [
    [0, 0],
    [top, Math.max(bottom, 0)],
    [left, Math.max(right, 0)],
    [0, 0],
  ];
  const dilations = [info.strideHeight, info.strideWidth];
  const grad = wasmKernel(
    "Conv2D",
    wasm,
    { x: xT, filter: dyT },
    { strides: 1, dilations, pad: explicit, dataFormat: "NHWC" },
  );
  free(wasm, xT, dyT);
  const dw = transpose(wasm, grad, [1, 2, 0, 3]);
  free(wasm, grad);
  return dw;
}
