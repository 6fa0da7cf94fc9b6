import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, assertChannelsLast, free, transpose, wasmKernel } from "./wasm-ops";
import { transposedConvInput } from "./transposed-conv-input";

/**
 * `Conv2DBackpropInput` for `wasm` as one XNNPACK convolution: the input gradient of
 * y = conv(x, w) is a stride-1 convolution of the (dilated, padded) output gradient with the
 * spatially flipped filter whose in/out channels are swapped (Dumoulin & Visin 2016, §4).
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("Conv2DBackpropInput", "wasm")?.kernelFunc === conv2dBackpropInput; // → true
 */
export function conv2dBackpropInput({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  assertChannelsLast(info.dataFormat, "Conv2DBackpropInput");
  const flipped = wasmKernel("Reverse", wasm, { x: filter }, { dims: [0, 1] });
  const swapped = transpose(wasm, flipped, [0, 1, 3, 2]);
  free(wasm, flipped);
  const dx = transposedConvInput(wasm, dy, info, (input, conv) =>
    wasmKernel(
      "Conv2D",
      wasm,
      { x: input, filter: swapped },
      { strides: 1, dilations: 1, pad: conv, dataFormat: "NHWC" },
    ),
  );
  free(wasm, swapped);
  return dx;
}
