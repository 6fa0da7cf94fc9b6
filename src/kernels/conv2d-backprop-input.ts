import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, assertChannelsLast, free, transpose, wasmKernel } from "./wasm-ops";
import { inputGradGemm } from "./input-grad-gemm";
import { transposedConvInput } from "./transposed-conv-input";
import { nativeInputGrad } from "./native-input-grad";

/**
 * `Conv2DBackpropInput` for `wasm` on XNNPACK: the input gradient of y = conv(x, w) is a stride-1
 * convolution of the (dilated, padded) output gradient with the spatially flipped filter whose
 * in/out channels are swapped (Dumoulin & Visin 2016, §4) — or, where that convolution wastes much
 * of its work on padding (valid convolutions, strides above 1, input channels short of a multiple of 8),
 * mtlkit's native kernel that adds dy · Wᵀ onto each input patch ({@link nativeInputGrad}), or one
 * GEMM dy · Wᵀ and a col2im ({@link inputGradGemm}).
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
  if (nativeIsCheaper(info)) return nativeInputGrad(wasm, dy, filter, info);
  if (gemmIsCheaper(info)) return inputGradGemm(wasm, dy, filter, info);
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

// Costs in ns per unit, fitted on this kind of machine (XNNPACK single-thread wasm SIMD, V8 loops):
// a convolution's output channels come in tiles of 8, so x's channels are padded to a multiple of 8;
// a GEMM with wide rows runs near its peak; col2im's JS loop pays per element, less on long runs.
const CONV_MAC_NS = 0.06;
const GEMM_MAC_NS = 0.08;
const SPREAD_NS = 3;
const COL2IM_NS = 2;
const COL2IM_RUN_NS = 16;
// The native kernel: per multiply-add of its four-lane tap vectors, and per (position, filter row, tap vector)
// tile, whose load/store and loop overhead dominates when there are few output channels.
const NATIVE_MAC_NS = 0.06;
const NATIVE_TILE_NS = 1;
// Above this many floats the GEMM's columns (kept whole) would cost more memory than they save time.
const MAX_COLUMNS = 1 << 24;

// Whether the native kernel is expected to beat the transposed convolution (it needs kw·ci ≥ 4).
function nativeIsCheaper(info: tf.backend_util.Conv2DInfo): boolean {
  const run = info.filterWidth * info.inChannels;
  if (run < 4) return false;
  const tiles = info.batchSize * info.outHeight * info.outWidth * info.filterHeight * Math.ceil(run / 4);
  const native = tiles * (4 * info.outChannels * NATIVE_MAC_NS + NATIVE_TILE_NS);
  return native < convCost(info);
}

// The transposed convolution's expected cost in ns.
function convCost(info: tf.backend_util.Conv2DInfo): number {
  const { batchSize, inHeight, inWidth, inChannels, outChannels } = info;
  const taps = info.filterHeight * info.filterWidth;
  const padded = Math.ceil(inChannels / 8) * 8;
  const strided = info.strideHeight > 1 || info.strideWidth > 1;
  const spread = strided
    ? batchSize * (inHeight + info.filterHeight - 1) * (inWidth + info.filterWidth - 1) * outChannels
    : 0;
  return batchSize * inHeight * inWidth * taps * outChannels * padded * CONV_MAC_NS + spread * SPREAD_NS;
}

// Whether GEMM + col2im is expected to beat the transposed convolution for this shape.
function gemmIsCheaper(info: tf.backend_util.Conv2DInfo): boolean {
  const { batchSize, inChannels, outHeight, outWidth, outChannels } = info;
  const taps = info.filterHeight * info.filterWidth;
  const columns = batchSize * outHeight * outWidth * taps * inChannels;
  if (columns > MAX_COLUMNS) return false;
  const conv = convCost(info);
  const run = info.filterWidth * inChannels;
  const gemm = columns * outChannels * GEMM_MAC_NS + columns * (COL2IM_NS + COL2IM_RUN_NS / run);
  return gemm < conv;
}
