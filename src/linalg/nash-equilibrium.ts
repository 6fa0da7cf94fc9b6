import type { SolverStatus } from "./solver-status";
import { matVec } from "./matrix-utils";
import { solveLinear } from "./solve-linear";

/** Options for {@link nashEquilibrium}. */
export interface NashOptions {
  /** Stop when max_t |α_t (Gα)_t − 1| is below this (scale-free). Default 1e-10. */
  tolerance?: number;
  /** Default 100. */
  maxIterations?: number;
}

/**
 * Solves G α = 1/α for α > 0 (Nash-MTL, Navon et al. 2022, eq. 4 / Theorem 5.1) as the minimiser of
 * the strictly convex ½ αᵀGα − Σ log α_t, by damped Newton steps that keep α positive. Tasks whose
 * gradient is zero (G_tt = 0) cannot be bargained with and get α_t = 0. Not converged when the
 * remaining gradients can cancel exactly (then no solution exists and the iterates grow without bound).
 *
 * @example
 * nashEquilibrium(new Float64Array([1, 0, 0, 4]), 2).weights; // → [1.0000, 0.5000]
 */
export function nashEquilibrium(
  gramian: Float64Array,
  taskCount: number,
  options: NashOptions = {},
): { weights: Float64Array; solver: SolverStatus } {
  const active = activeTasks(gramian, taskCount);
  const n = active.length;
  const g = new Float64Array(n * n);
  active.forEach((i, a) => active.forEach((j, b) => (g[a * n + b] = gramian[i * taskCount + j] as number)));
  const result = n === 2 ? solvePair(g) : solveReduced(g, n, options.tolerance ?? 1e-10, options.maxIterations ?? 100);
  const weights = new Float64Array(taskCount);
  active.forEach((i, a) => (weights[i] = result.alpha[a] as number));
  return { weights, solver: result.solver };
}

function activeTasks(gramian: Float64Array, taskCount: number): number[] {
  let scale = 0;
  for (let t = 0; t < taskCount; t++) scale = Math.max(scale, gramian[t * taskCount + t] as number);
  const indices: number[] = [];
  for (let t = 0; t < taskCount; t++)
    if ((gramian[t * taskCount + t] as number) > 1e-30 * scale && scale > 0) indices.push(t);
  return indices;
}

/**
 * Two tasks in closed form: α_t = 1 / (‖g_t‖ √(1 + cos θ)), so
 * d = (g₁/‖g₁‖ + g₂/‖g₂‖) / √(1 + cos θ) is the bisector with ‖d‖ = √2.
 * No solution when the gradients are exactly opposite (cos θ = −1).
 */
export function solvePair(g: Float64Array): { alpha: Float64Array; solver: SolverStatus } {
  const n1 = Math.sqrt(g[0] as number);
  const n2 = Math.sqrt(g[3] as number);
  const onePlusCos = 1 + (g[1] as number) / (n1 * n2);
  if (!(onePlusCos > 0))
    return { alpha: new Float64Array([1 / n1, 1 / n2]), solver: { converged: false, iterations: 0 } };
  const root = Math.sqrt(onePlusCos);
  return { alpha: new Float64Array([1 / (n1 * root), 1 / (n2 * root)]), solver: { converged: true, iterations: 0 } };
}

/**
 * max_t |α_t (Gα)_t − 1| beyond what rounding in Gα explains: near Pareto-stationary points the gradients
 * nearly cancel, (Gα)_t is a small difference of large terms, and 1e-10 would be out of reach. Infinite
 * when the cancellation exceeds 1e8 (then the answer is rounding noise and must not count as converged).
 */
function residual(g: Float64Array, alpha: Float64Array, n: number): number {
  const ga = matVec(g, alpha, n);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let magnitude = 0;
    for (let j = 0; j < n; j++) magnitude += Math.abs((g[i * n + j] as number) * (alpha[j] as number));
    const cancellation = (alpha[i] as number) * magnitude;
    // Past 1e8 the equation is decided by rounding, not by the gradients: report it as unsolved.
    if (cancellation > 1e8) return Infinity;
    worst = Math.max(
      worst,
      Math.abs((alpha[i] as number) * (ga[i] as number) - 1) - 64 * Number.EPSILON * cancellation,
    );
  }
  return worst;
}

function objective(g: Float64Array, alpha: Float64Array, n: number): number {
  const ga = matVec(g, alpha, n);
  let value = 0;
  for (let i = 0; i < n; i++) value += 0.5 * (alpha[i] as number) * (ga[i] as number) - Math.log(alpha[i] as number);
  return value;
}

function solveReduced(g: Float64Array, n: number, tolerance: number, maxIterations: number) {
  const alpha = new Float64Array(n);
  for (let i = 0; i < n; i++) alpha[i] = 1 / Math.sqrt(g[i * n + i] as number);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (residual(g, alpha, n) <= tolerance) return { alpha, solver: { converged: true, iterations: iteration } };
    const direction = newtonDirection(g, alpha, n);
    if (!direction || !backtrack(g, alpha, direction, n)) break;
  }
  return { alpha, solver: { converged: residual(g, alpha, n) <= tolerance, iterations: maxIterations } };
}

/** Solves (G + diag(1/α²)) d = −(Gα − 1/α); scaled by α so the system stays well conditioned. */
function newtonDirection(g: Float64Array, alpha: Float64Array, n: number): Float64Array | undefined {
  const ga = matVec(g, alpha, n);
  const hessian = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      hessian[i * n + j] = (alpha[i] as number) * (g[i * n + j] as number) * (alpha[j] as number);
    hessian[i * n + i] = (hessian[i * n + i] as number) + 1;
    rhs[i] = 1 - (alpha[i] as number) * (ga[i] as number);
  }
  const scaled = solveLinear(hessian, rhs, n);
  return scaled?.map((value, i) => value * (alpha[i] as number));
}

function backtrack(g: Float64Array, alpha: Float64Array, direction: Float64Array, n: number): boolean {
  const before = objective(g, alpha, n);
  let step = 1;
  for (let i = 0; i < n; i++) {
    if ((direction[i] as number) < 0) step = Math.min(step, (-0.99 * (alpha[i] as number)) / (direction[i] as number));
  }
  for (let attempt = 0; attempt < 60; attempt++, step /= 2) {
    const trial = alpha.map((value, i) => value + step * (direction[i] as number));
    if (objective(g, trial, n) <= before + 1e-12 * Math.abs(before) || attempt === 59) {
      alpha.set(trial);
      return attempt < 59;
    }
  }
  return false;
}
