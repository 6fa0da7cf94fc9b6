import * as tf from "@tensorflow/tfjs-core";
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
  const values = w.dataSync();
  const gram = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i; j < rows; j++) {
      let sum = 0;
      for (let k = 0; k < cols; k++) sum += (values[i * cols + k] as number) * (values[j * cols + k] as number);
      gram[i * rows + j] = sum;
      gram[j * rows + i] = sum;
    }
  }
  return tf.tensor1d(Array.from(symmetricEigen(gram, rows).values, (lambda) => Math.sqrt(Math.max(lambda, 0))));
}
