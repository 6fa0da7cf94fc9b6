import type * as tf from "@tensorflow/tfjs-core";
import { type WasmBackend, free } from "./wasm-ops";
import { spreadSpatial } from "./spread-spatial";

type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];

/**
 * The input gradient of a (depthwise) convolution described by `info`, computed by `conv`, a
 * stride-1 convolution of `dy` with the flipped filter. With stride 1 and non-negative padding it
 * pads inside the convolution; otherwise it dilates and pads `dy` first and runs a valid one.
 */
export function transposedConvInput(
  backend: WasmBackend,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  conv: (input: tf.TensorInfo, pad: ExplicitPad | "valid") => tf.TensorInfo,
): tf.TensorInfo {
  const top = info.filterHeight - 1 - info.padInfo.top;
  const left = info.filterWidth - 1 - info.padInfo.left;
  const height = info.inHeight + info.filterHeight - 1;
  const width = info.inWidth + info.filterWidth - 1;
  const bottom = height - top - ((info.outHeight - 1) * info.strideHeight + 1);
  const right = width - left - ((info.outWidth - 1) * info.strideWidth + 1);
  const unitStride = info.strideHeight === 1 && info.strideWidth === 1;
  if (unitStride && Math.min(top, left, bottom, right) >= 0) {
    return conv(dy, [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ]);
  }
  const spread = spreadSpatial(backend, dy, {
    height,
    width,
    top,
    left,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
  });
  const dx = conv(spread, "valid");
  free(backend, spread);
  return dx;
}
