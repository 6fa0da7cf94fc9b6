import { stepToBoundary } from "./step-to-boundary";
import type { SolverStatus } from "./solver-status";
import { matVec, submatrix } from "./matrix-utils";
import { solveLinear } from "./solve-linear";

/** Options for {@link nonNegativeQp}. */
export interface NonNegativeQpOptions {
  /** KKT tolerance relative to the problem's scale. Default 1e-12. */
  tolerance?: number;
  /** Default 200. */
  maxIterations?: number;
}

/**
 * Minimises ½ xᵀQx + qᵀx subject to x ≥ 0 for a positive definite n×n Q, by a primal active-set
 * method (Lawson & Hanson's NNLS scheme applied to the QP; Nocedal & Wright §16.5). Exact in finitely
 * many steps; converged means the KKT conditions hold to `tolerance`.
 *
 * @example
 * nonNegativeQp(new Float64Array([1, 0, 0, 1]), new Float64Array([-1, 1]), 2).x; // → [1.0000, 0.0000]
 */
export function nonNegativeQp(
  matrix: Float64Array,
  linear: Float64Array,
  n: number,
  options: NonNegativeQpOptions = {},
): { x: Float64Array; solver: SolverStatus } {
  const scale = Math.max(
    1e-300,
    ...Array.from(linear, Math.abs),
    ...Array.from({ length: n }, (_, i) => Math.abs(matrix[i * n + i] as number)),
  );
  const tolerance = (options.tolerance ?? 1e-12) * scale;
  const maxIterations = options.maxIterations ?? 200;
  const x = new Float64Array(n);
  const free = new Set<number>();
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const grad = gradient(matrix, linear, x, n);
    const entering = mostNegativeBound(grad, free, tolerance);
    if (entering < 0) return { x, solver: { converged: true, iterations: iteration } };
    free.add(entering);
    if (!solveOnFreeSet(matrix, linear, n, x, free))
      return { x, solver: { converged: false, iterations: iteration + 1 } };
  }
  const grad = gradient(matrix, linear, x, n);
  return { x, solver: { converged: mostNegativeBound(grad, free, tolerance) < 0, iterations: maxIterations } };
}

function gradient(matrix: Float64Array, linear: Float64Array, x: Float64Array, n: number): Float64Array {
  const grad = matVec(matrix, x, n);
  for (let i = 0; i < n; i++) grad[i] = (grad[i] as number) + (linear[i] as number);
  return grad;
}

function mostNegativeBound(grad: Float64Array, free: Set<number>, tolerance: number): number {
  let best = -1;
  for (let i = 0; i < grad.length; i++) {
    if (free.has(i) || (grad[i] as number) >= -tolerance) continue;
    if (best < 0 || (grad[i] as number) < (grad[best] as number)) best = i;
  }
  return best;
}

/** Moves x toward the unconstrained minimiser on the free set, dropping variables that hit zero. */
function solveOnFreeSet(
  matrix: Float64Array,
  linear: Float64Array,
  n: number,
  x: Float64Array,
  free: Set<number>,
): boolean {
  for (let inner = 0; inner <= n; inner++) {
    const indices = [...free].sort((a, b) => a - b);
    const z = solveLinear(
      submatrix(matrix, n, indices),
      indices.map((i) => -(linear[i] as number)),
      indices.length,
    );
    if (!z) return false;
    if (stepToBoundary(x, indices, z) >= 1) return true;
    for (const i of indices) {
      if ((x[i] as number) <= 0) {
        x[i] = 0;
        free.delete(i);
      }
    }
  }
  return true;
}
