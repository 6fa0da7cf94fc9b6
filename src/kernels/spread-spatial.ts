import type * as tf from "@tensorflow/tfjs-core";
import { type WasmBackend, heapF32 } from "./wasm-ops";

/** Where {@link spreadSpatial} puts the rows and columns of its input. */
export interface SpreadLayout {
  /** Output height and width. */
  height: number;
  width: number;
  /** Output row/column of input row/column 0 (may be negative: leading rows are then dropped). */
  top: number;
  left: number;
  /** Distance between consecutive input rows/columns in the output (1 = plain padding). */
  strideHeight: number;
  strideWidth: number;
}

/**
 * Copies an NHWC tensor into a zero tensor of size `height × width`, input pixel (i, j) landing at
 * (top + i·strideHeight, left + j·strideWidth) when inside; the "dilate and pad" step that turns the
 * gradient of a strided, padded convolution into a stride-1, valid one.
 */
export function spreadSpatial(backend: WasmBackend, y: tf.TensorInfo, layout: SpreadLayout): tf.TensorInfo {
  const [batch, inHeight, inWidth, channels] = y.shape as [number, number, number, number];
  const { height, width, top, left, strideHeight, strideWidth } = layout;
  const out = backend.makeOutput([batch, height, width, channels], "float32");
  const target = heapF32(backend, out);
  const source = heapF32(backend, y);
  target.fill(0);
  for (let n = 0; n < batch; n++) {
    for (let i = 0; i < inHeight; i++) {
      const row = top + i * strideHeight;
      if (row < 0 || row >= height) continue;
      for (let j = 0; j < inWidth; j++) {
        const col = left + j * strideWidth;
        if (col < 0 || col >= width) continue;
        const from = ((n * inHeight + i) * inWidth + j) * channels;
        target.set(source.subarray(from, from + channels), ((n * height + row) * width + col) * channels);
      }
    }
  }
  return out;
}
