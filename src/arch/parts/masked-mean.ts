import * as tf from "@tensorflow/tfjs-core";
import { checkMask } from "./check-mask";

/**
 * Mean over the real steps of a sequence [B, T, U] under a mask [B, T] (1 real, 0 padded):
 * Σ_t m_t h_t / Σ_t m_t, so padding changes neither the value nor the gradient.
 *
 * @example
 * const h = tf.tensor3d([[[1, 10], [3, 30], [99, 99]]]);
 * maskedMean(h, tf.tensor2d([[1, 1, 0]])); // → [[2, 20]]
 */
export function maskedMean(sequence: tf.Tensor, mask: tf.Tensor): tf.Tensor2D {
  checkMask("maskedMean", sequence, mask);
  return tf.tidy(() => {
    const m = tf.cast(mask, "float32");
    const total = tf.sum(tf.mul(sequence, tf.expandDims(m, 2)), 1);
    return tf.div(total, tf.maximum(tf.sum(m, 1, true), 1)) as tf.Tensor2D;
  });
}
