import * as tf from "@tensorflow/tfjs-core";
import { gramian } from "../../linalg/gramian";
import { symmetricEigen } from "../../linalg/symmetric-eigen";

/**
 * The singular values σ_1 ≥ … ≥ σ_T of a T×P matrix with few rows, as a [T] tensor: the square
 * roots of the eigenvalues of the T×T Gram W Wᵀ (computed in float64). Not differentiable; for
 * plots of soft sharing's stacked towers (σ_2/σ_1 → 0 means the towers are parallel).
 *
 * @example
 * singularValues(tf.tensor2d([[3, 0], [0, 4]])).arraySync(); // [4, 3]
 */
export function singularValues(w: tf.Tensor2D): tf.Tensor1D {
  const [rows, cols] = w.shape;
  const gram = gramian(w.dataSync(), rows, cols);
  return tf.tensor1d(Array.from(symmetricEigen(gram, rows).values, (lambda) => Math.sqrt(Math.max(lambda, 0))));
}
