import * as tf from "@tensorflow/tfjs-core";

/**
 * A cross-stitch unit: mixes T same-shaped activations with a T×T matrix α,
 * x̃_t = Σ_s α_ts x_s (Misra et al. 2016, eq. 1, for T tasks).
 *
 * @example
 * stitch([tf.ones([2, 3]), tf.zeros([2, 3])], tf.tensor2d([[0.9, 0.1], [0.1, 0.9]]))[1]; // all 0.1
 */
export function stitch(activations: readonly tf.Tensor[], alpha: tf.Tensor): tf.Tensor[] {
  const shape = (activations[0] as tf.Tensor).shape;
  const stacked = tf.reshape(tf.stack(activations as tf.Tensor[]), [activations.length, -1]);
  const mixed = tf.matMul(alpha as tf.Tensor2D, stacked as tf.Tensor2D);
  return tf.unstack(mixed).map((row) => tf.reshape(row, shape));
}
