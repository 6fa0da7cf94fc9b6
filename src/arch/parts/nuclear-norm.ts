import * as tf from "@tensorflow/tfjs-core";
import { gramian } from "../../linalg/gramian";
import { symmetricEigen } from "../../linalg/symmetric-eigen";

/**
 * The nuclear (trace) norm ‖W‖_* = Σ_i σ_i of a T×P matrix with few rows, differentiable: σ_i² are
 * the eigenvalues of the T×T Gram W Wᵀ = U Σ² Uᵀ, and the (sub)gradient U Vᵀ equals U Σ⁻¹ Uᵀ W,
 * so no SVD of the wide matrix is needed. Singular values below 1e-6·σ_max count as zero
 * (their directions get gradient 0, a valid subgradient). Used for trace-norm coupling
 * (Yang & Hospedales 2017).
 *
 * @example
 * nuclearNorm(tf.tensor2d([[3, 0], [0, 4]])).dataSync()[0]; // 7
 */
export function nuclearNorm(w: tf.Tensor2D): tf.Scalar {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const [rows, cols] = input.shape as [number, number];
    const { value, inverseRoot } = nuclearParts(input.dataSync(), rows, cols);
    save([input]);
    return {
      value: tf.scalar(value),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.mul(dy, tf.matMul(tf.tensor2d(inverseRoot, [rows, rows]), saved[0] as tf.Tensor2D)),
    };
  });
  return op(w) as tf.Scalar;
}

/** Σ √λ_i of the Gram W Wᵀ (in float64), and its pseudo-inverse square root U Σ⁻¹ Uᵀ. */
function nuclearParts(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
): { value: number; inverseRoot: Float32Array } {
  const eigen = symmetricEigen(gramian(values, rows, cols), rows);
  const sigmas = Array.from(eigen.values, (lambda) => Math.sqrt(Math.max(lambda, 0)));
  const tolerance = 1e-6 * Math.max(0, ...sigmas);
  const inverseRoot = new Float32Array(rows * rows);
  sigmas.forEach((sigma, e) => {
    if (sigma <= tolerance || sigma === 0) return;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) {
        const ui = eigen.vectors[i * rows + e] as number;
        const uj = eigen.vectors[j * rows + e] as number;
        inverseRoot[i * rows + j] = (inverseRoot[i * rows + j] as number) + (ui * uj) / sigma;
      }
    }
  });
  return { value: sigmas.reduce((a, b) => a + b, 0), inverseRoot };
}
