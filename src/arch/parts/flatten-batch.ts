import * as tf from "@tensorflow/tfjs-core";

/**
 * Flattens every axis after the batch axis: [B, ...] → [B, product].
 *
 * @example
 * flattenBatch(tf.ones([2, 3, 4])).shape; // [2, 12]
 */
export function flattenBatch(x: tf.Tensor): tf.Tensor2D {
  const size = x.shape.slice(1).reduce((a, b) => a * b, 1);
  return tf.reshape(x, [x.shape[0] as number, size]);
}
