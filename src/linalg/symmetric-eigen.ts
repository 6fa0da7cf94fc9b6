import type { SolverStatus } from "./solver-status";

/** Eigenvalues (descending) and unit eigenvectors (column k of the row-major `vectors`) of a symmetric matrix. */
export interface SymmetricEigen {
  values: Float64Array;
  vectors: Float64Array;
  solver: SolverStatus;
}

/**
 * Eigen-decomposition of a small symmetric row-major n×n matrix by cyclic Jacobi rotations
 * (Golub & Van Loan, Matrix Computations §8.5); converged when the off-diagonal mass falls
 * below 1e-15 of the matrix's Frobenius norm.
 *
 * @example
 * symmetricEigen(new Float64Array([2, 1, 1, 2]), 2).values; // → [3.0000, 1.0000]
 */
export function symmetricEigen(matrix: Float64Array, n: number, maxSweeps = 100): SymmetricEigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const norm = Math.sqrt(a.reduce((sum, x) => sum + x * x, 0));
  let sweeps = 0;
  let converged = norm === 0;
  while (!converged && sweeps < maxSweeps) {
    sweeps++;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
    converged = offDiagonal(a, n) <= 1e-15 * norm;
  }
  return sortDescending(a, v, n, { converged, iterations: sweeps });
}

function offDiagonal(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) sum += (a[i * n + j] as number) ** 2;
  return Math.sqrt(sum);
}

function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q] as number;
  if (apq === 0) return;
  const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p] as number;
    const akq = a[k * n + q] as number;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k] as number;
    const aqk = a[q * n + k] as number;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p] as number;
    const vkq = v[k * n + q] as number;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

function sortDescending(a: Float64Array, v: Float64Array, n: number, solver: SolverStatus): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (a[j * n + j] as number) - (a[i * n + i] as number),
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = a[from * n + from] as number;
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from] as number;
  });
  return { values, vectors, solver };
}
