import * as tf from "@tensorflow/tfjs-core";

/**
 * The gated mixture Σ_e g_e · f_e of stacked expert outputs [B, E, d] with gate weights [B, E]
 * (Ma et al. 2018, §4.3): [B, d].
 *
 * @example
 * mixExperts(tf.tensor3d([[[1, 0], [0, 1]]]), tf.tensor2d([[0.25, 0.75]])); // [[0.25, 0.75]]
 */
export function mixExperts(experts: tf.Tensor, gate: tf.Tensor): tf.Tensor2D {
  return tf.sum(tf.mul(experts, tf.expandDims(gate, 2)), 1) as tf.Tensor2D;
}
