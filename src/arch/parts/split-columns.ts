import * as tf from "@tensorflow/tfjs-core";

/**
 * Splits [B, Σ widths] into [B, width] column blocks with slices (tfjs's split gradient fails
 * when the split has a single part).
 *
 * @example
 * splitColumns(tf.ones([2, 5]), [3, 2]).map((part) => part.shape); // [[2, 3], [2, 2]]
 */
export function splitColumns(z: tf.Tensor, widths: readonly number[]): tf.Tensor[] {
  let start = 0;
  return widths.map((width) => {
    const part = tf.slice(z, [0, start], [-1, width]);
    start += width;
    return part;
  });
}
