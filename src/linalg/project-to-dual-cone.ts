import type { SolverStatus } from "./solver-status";
import { matVec, trace } from "./matrix-utils";
import { nonNegativeQp } from "./non-negative-qp";

/**
 * The weights v of the projection of Jᵀu onto the dual cone {d : J d ≥ 0} of the task gradients:
 * v = argmin vᵀGv subject to v ≥ u (Quinton & Rey 2024, "Jacobian Descent", Proposition 1), solved
 * as a non-negative QP in λ = v − u on the Gramian normalised by its trace plus `regularization`·I
 * (TorchJD's defaults: both make the problem well posed when G is singular or slightly indefinite).
 *
 * @example
 * const gramian = new Float64Array([18, -22, -22, 38]);
 * projectToDualCone(gramian, 2, new Float64Array([0.5, 0.5])).weights; // → [0.6109, 0.5000]
 */
export function projectToDualCone(
  gramian: Float64Array,
  n: number,
  u: Float64Array,
  regularization = 1e-4,
): { weights: Float64Array; solver: SolverStatus } {
  const g = normalizedGramian(gramian, n, regularization);
  const linear = matVec(g, u, n);
  const { x, solver } = nonNegativeQp(g, linear, n);
  return { weights: x.map((value, i) => value + (u[i] as number)), solver };
}

/** G / tr(G) + εI, or εI when the trace is (numerically) zero. */
export function normalizedGramian(gramian: Float64Array, n: number, regularization: number): Float64Array {
  const total = trace(gramian, n);
  const g = total > 0 ? gramian.map((value) => value / total) : new Float64Array(n * n);
  for (let i = 0; i < n; i++) g[i * n + i] = (g[i * n + i] as number) + regularization;
  return g;
}
