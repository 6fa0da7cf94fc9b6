import type * as tf from "@tensorflow/tfjs-core";
import { type WasmBackend, free, wasmKernel } from "./wasm-ops";

/**
 * The padding around x that puts every window of `info` inside it: top and left as TensorFlow places the
 * windows, bottom and right from the output size (negative when the last rows or columns are in no window).
 *
 * @example
 * const info = tf.backend_util.computeConv2DInfo([1, 5, 5, 1], [3, 3, 1, 1], 2, 1, "same");
 * windowPadding(info); // → { top: 1, bottom: 1, left: 1, right: 1 }
 */
export function windowPadding(info: tf.backend_util.Conv2DInfo): {
  top: number;
  bottom: number;
  left: number;
  right: number;
} {
  const { top, left } = info.padInfo;
  const bottom = info.filterHeight + (info.outHeight - 1) * info.strideHeight - info.inHeight - top;
  const right = info.filterWidth + (info.outWidth - 1) * info.strideWidth - info.inWidth - left;
  return { top, bottom, left, right };
}

/**
 * x zero-padded by {@link windowPadding} for mtlkit's native convolution kernels, which read every tap from
 * their input (negative padding needs nothing: the kernels never read those rows), with its height and width;
 * `release` frees the padded copy, if one was made.
 *
 * @example
 * // const { input, height, width, release } = paddedInput(wasm, x, info); … release();
 */
export function paddedInput(
  wasm: WasmBackend,
  x: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): { input: tf.TensorInfo; height: number; width: number; release(): void } {
  const { top, bottom, left, right } = windowPadding(info);
  const padded = top > 0 || left > 0 || bottom > 0 || right > 0;
  const paddings = [
    [0, 0],
    [top, Math.max(bottom, 0)],
    [left, Math.max(right, 0)],
    [0, 0],
  ];
  const input = padded ? wasmKernel("PadV2", wasm, { x }, { paddings, constantValue: 0 }) : x;
  const [, height, width] = input.shape as [number, number, number, number];
  return { input, height, width, release: () => (padded ? free(wasm, input) : undefined) };
}
