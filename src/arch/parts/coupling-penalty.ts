import * as tf from "@tensorflow/tfjs-core";
import { nuclearNorm } from "./nuclear-norm";

/** How soft sharing couples corresponding parameters of the towers. */
export type Coupling = "l2" | "traceNorm";

/**
 * The towers' parameters of one layer stacked as a T×P matrix: row t is tower t's variables of
 * that layer, flattened and concatenated.
 *
 * @example
 * const towerA = [tf.variable(tf.tensor2d([[1, 2]])), tf.variable(tf.tensor1d([3]))];
 * const towerB = [tf.variable(tf.tensor2d([[4, 5]])), tf.variable(tf.tensor1d([6]))];
 * stackLayer([towerA, towerB]); // → [[1, 2, 3], [4, 5, 6]]
 */
export function stackLayer(perTask: readonly (readonly tf.Variable[])[]): tf.Tensor2D {
  return tf.stack(perTask.map((variables) => tf.concat(variables.map((v) => tf.reshape(v, [-1]))))) as tf.Tensor2D;
}

/**
 * The coupling R(θ) of one layer's stacked T×P parameters W: "l2" is Σ_{s<t} ‖w_s − w_t‖²
 * (Duong et al. 2015, for two tasks; summed over pairs here), computed as T·Σ_t ‖w_t − w̄‖²;
 * "traceNorm" is the nuclear norm ‖W‖_* of the task-axis unfolding (Yang & Hospedales 2017,
 * the "last axis flattening" variant).
 *
 * @example
 * couplingPenalty(tf.tensor2d([[1, 2], [3, 2]]), "l2").dataSync()[0]; // 4
 */
export function couplingPenalty(w: tf.Tensor2D, coupling: Coupling): tf.Scalar {
  if (coupling === "traceNorm") return nuclearNorm(w);
  const tasks = w.shape[0];
  return tf.mul(tasks, tf.sum(tf.square(tf.sub(w, tf.mean(w, 0, true))))) as tf.Scalar;
}
