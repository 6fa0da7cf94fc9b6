import type { SolverStatus } from "./solver-status";
import { dot, matVec } from "./matrix-utils";

/** Options for {@link simplexQp}. */
export interface SimplexQpOptions {
  /** Stop when the Frank–Wolfe duality gap is below this, relative to the problem's scale. Default 1e-12. */
  tolerance?: number;
  /** Default 2000. */
  maxIterations?: number;
  /** Warm start on the simplex. Default: the barycentre. */
  start?: Float64Array;
}

/**
 * Minimises ½ wᵀQw + cᵀw over the probability simplex by Frank–Wolfe with away steps and exact
 * line search (Lacoste-Julien & Jaggi 2015, Algorithm 1), which converges linearly for Q = J Jᵀ.
 * Converged means the duality gap ∇f·w − min_i ∇f_i is below `tolerance` × (max|Q_ii| + max|c_i|).
 *
 * @example
 * simplexQp(new Float64Array([18, -22, -22, 38]), new Float64Array(2), 2).weights; // → [0.6000, 0.4000]
 */
export function simplexQp(
  q: Float64Array,
  c: Float64Array,
  n: number,
  options: SimplexQpOptions = {},
): { weights: Float64Array; solver: SolverStatus } {
  const tolerance = (options.tolerance ?? 1e-12) * problemScale(q, c, n);
  const maxIterations = options.maxIterations ?? 2000;
  const w = options.start ? Float64Array.from(options.start) : new Float64Array(n).fill(1 / n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const grad = gradientAt(q, c, w, n);
    const inner = dot(grad, w);
    const toward = argExtreme(grad, () => true, -1);
    const away = argExtreme(grad, (i) => (w[i] as number) > 0, 1);
    const gap = inner - (grad[toward] as number);
    if (gap <= tolerance) return { weights: w, solver: { converged: true, iterations: iteration } };
    const direction = new Float64Array(n);
    let maxStep: number;
    if (gap >= (grad[away] as number) - inner || (w[away] as number) >= 1) {
      for (let i = 0; i < n; i++) direction[i] = -(w[i] as number);
      direction[toward] = (direction[toward] as number) + 1;
      maxStep = 1;
    } else {
      for (let i = 0; i < n; i++) direction[i] = w[i] as number;
      direction[away] = (direction[away] as number) - 1;
      maxStep = (w[away] as number) / (1 - (w[away] as number));
    }
    step(w, direction, lineSearch(q, grad, direction, n, maxStep), maxStep, away);
  }
  const grad = gradientAt(q, c, w, n);
  const gap = dot(grad, w) - Math.min(...grad);
  return { weights: w, solver: { converged: gap <= tolerance, iterations: maxIterations } };
}

function problemScale(q: Float64Array, c: Float64Array, n: number): number {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(q[i * n + i] as number), Math.abs(c[i] as number));
  return scale;
}

function gradientAt(q: Float64Array, c: Float64Array, w: Float64Array, n: number): Float64Array {
  const grad = matVec(q, w, n);
  for (let i = 0; i < n; i++) grad[i] = (grad[i] as number) + (c[i] as number);
  return grad;
}

function argExtreme(values: Float64Array, allowed: (i: number) => boolean, sign: 1 | -1): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    if (!allowed(i)) continue;
    if (best < 0 || sign * ((values[i] as number) - (values[best] as number)) > 0) best = i;
  }
  return best;
}

function lineSearch(q: Float64Array, grad: Float64Array, direction: Float64Array, n: number, maxStep: number): number {
  const slope = dot(grad, direction);
  const curvature = dot(direction, matVec(q, direction, n));
  if (slope >= 0) return 0;
  if (curvature <= 0) return maxStep;
  return Math.min(maxStep, -slope / curvature);
}

function step(w: Float64Array, direction: Float64Array, gamma: number, maxStep: number, away: number): void {
  for (let i = 0; i < w.length; i++) w[i] = Math.max(0, (w[i] as number) + gamma * (direction[i] as number));
  // A full away step drops the vertex exactly, so the support shrinks instead of lingering at 1e-17.
  if (gamma === maxStep && (direction[away] as number) < 0 && maxStep !== 1) w[away] = 0;
  const total = w.reduce((sum, x) => sum + x, 0);
  for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) / total;
}
