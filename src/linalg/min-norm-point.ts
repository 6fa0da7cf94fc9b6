import type { SolverStatus } from "./solver-status";
import { simplexQp } from "./simplex-qp";
import { wolfeMinNorm } from "./wolfe-min-norm";

/** Options for {@link minNormPoint}. */
export interface MinNormOptions {
  /** T > 2: Wolfe's exact algorithm (default) or Frank–Wolfe with away steps (the paper's Algorithm 2 family). */
  solver?: "wolfe" | "frank-wolfe";
  /** Relative optimality tolerance (T > 2). Default 1e-12. */
  tolerance?: number;
  /** Default 2000 (Frank–Wolfe) or 100·T (Wolfe). */
  maxIterations?: number;
}

/**
 * The simplex weights w of the minimum-norm point Jᵀw of the convex hull of the task gradients,
 * from their Gramian: the MGDA sub-problem (Sener & Koltun 2018, eq. 3). Exact for T ≤ 2
 * (their Algorithm 1); for T > 2 Wolfe's exact corral algorithm (1976) by default, or Frank–Wolfe with
 * away steps (their Algorithm 2, plus away steps), which can need thousands of steps on rank-deficient input.
 *
 * @example
 * minNormPoint(new Float64Array([18, -22, -22, 38]), 2).weights; // → [0.6000, 0.4000]
 */
export function minNormPoint(
  gramian: Float64Array,
  taskCount: number,
  options: MinNormOptions = {},
): { weights: Float64Array; solver: SolverStatus } {
  if (taskCount === 1) return { weights: new Float64Array([1]), solver: { converged: true, iterations: 0 } };
  if (taskCount === 2) return { weights: minNormPair(gramian), solver: { converged: true, iterations: 0 } };
  if (options.solver === "frank-wolfe") return simplexQp(gramian, new Float64Array(taskCount), taskCount, options);
  return wolfeMinNorm(gramian, taskCount, options);
}

/** Closed form for two tasks: w₁ = clip((G₂₂ − G₁₂) / (G₁₁ + G₂₂ − 2G₁₂), 0, 1). */
export function minNormPair(gramian: Float64Array): Float64Array {
  const [g11, g12, , g22] = gramian as unknown as [number, number, number, number];
  const denominator = g11 + g22 - 2 * g12;
  if (!(denominator > 0)) return new Float64Array([0.5, 0.5]);
  const w1 = Math.min(1, Math.max(0, (g22 - g12) / denominator));
  return new Float64Array([w1, 1 - w1]);
}
