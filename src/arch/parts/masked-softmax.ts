import * as tf from "@tensorflow/tfjs-core";
import { checkMask } from "./check-mask";

/**
 * Softmax over the real steps only: scores [B, T] and a mask [B, T] (1 real, 0 padded) give
 * weights that are exactly 0 on padding and sum to 1 over each row's real steps (padded scores are
 * replaced by −1e9 before the softmax, so they get no gradient either).
 *
 * @example
 * maskedSoftmax(tf.tensor2d([[0, Math.log(3), 7]]), tf.tensor2d([[1, 1, 0]])); // → [[0.25, 0.75, 0]]
 */
export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor2D {
  checkMask("maskedSoftmax", scores, mask);
  return tf.tidy(() => {
    const m = tf.cast(mask, "float32");
    const shut = tf.add(tf.mul(scores, m), tf.mul(tf.sub(m, 1), 1e9));
    return tf.mul(tf.softmax(shut), m) as tf.Tensor2D;
  });
}
