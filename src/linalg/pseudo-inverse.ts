import { symmetricEigen } from "./symmetric-eigen";

/**
 * Float32 machine epsilon. Task gradients come from float32 tensors, so eigenvalues of their
 * Gramian below λ_max · T · ε₃₂ are rounding noise and are treated as zero (TorchJD's convention).
 */
export const FLOAT32_EPSILON = 1.1920928955078125e-7;

/**
 * The Moore–Penrose pseudo-inverse of a symmetric positive semi-definite n×n matrix, dropping
 * eigenvalues below λ_max · n · ε₃₂.
 *
 * @example
 * pseudoInverse(new Float64Array([2, 0, 0, 0]), 2); // → [0.5000, 0.0000, 0.0000, 0.0000]
 */
export function pseudoInverse(matrix: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  const tolerance = Math.max(values[0] ?? 0, 0) * n * FLOAT32_EPSILON;
  const result = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const value = values[k] as number;
    if (!(value > tolerance)) continue;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        result[i * n + j] =
          (result[i * n + j] as number) + ((vectors[i * n + k] as number) * (vectors[j * n + k] as number)) / value;
      }
    }
  }
  return result;
}
