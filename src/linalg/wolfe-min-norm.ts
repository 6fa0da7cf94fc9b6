import { stepToBoundary } from "./step-to-boundary";
import type { SolverStatus } from "./solver-status";
import { matVec, quadraticForm } from "./matrix-utils";
import { solveLinear } from "./solve-linear";

/**
 * The simplex weights of the minimum-norm point of the convex hull of the task gradients, from their
 * Gramian, by Wolfe's exact algorithm (Wolfe 1976, "Finding the nearest point in a polytope"): a
 * corral of affinely independent gradients grows by the most violated one and shrinks when the
 * affine minimiser leaves the simplex. Terminates in finitely many steps; converged means
 * (Gw)_t ≥ wᵀGw − tolerance·max G_tt for every task. Scale-free: G is divided by max G_tt first.
 *
 * @example
 * wolfeMinNorm(new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3).weights; // → [0.3333, 0.3333, 0.3333]
 */
export function wolfeMinNorm(
  gramian: Float64Array,
  n: number,
  options: { tolerance?: number; maxIterations?: number } = {},
): { weights: Float64Array; solver: SolverStatus } {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, gramian[i * n + i] as number);
  // The weights do not depend on the Gramian's scale; normalising keeps [G 1; 1ᵀ 0] well scaled.
  if (scale > 0) gramian = gramian.map((value) => value / scale);
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 100 * n;
  const w = new Float64Array(n);
  let first = 0;
  for (let i = 1; i < n; i++) if ((gramian[i * n + i] as number) < (gramian[first * n + first] as number)) first = i;
  w[first] = 1;
  const corral = new Set([first]);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const products = matVec(gramian, w, n);
    const normSquared = quadraticForm(gramian, w, n);
    let entering = -1;
    for (let j = 0; j < n; j++) {
      if (corral.has(j)) continue;
      if (
        (products[j] as number) < normSquared - tolerance &&
        (entering < 0 || (products[j] as number) < (products[entering] as number))
      )
        entering = j;
    }
    if (entering < 0) return { weights: w, solver: { converged: true, iterations: iteration } };
    corral.add(entering);
    if (!minorCycle(gramian, n, w, corral))
      return { weights: w, solver: { converged: false, iterations: iteration + 1 } };
  }
  return { weights: w, solver: { converged: false, iterations: maxIterations } };
}

/** Moves w to the affine minimiser of the corral, dropping points while that minimiser leaves the simplex. */
function minorCycle(gramian: Float64Array, n: number, w: Float64Array, corral: Set<number>): boolean {
  for (let round = 0; round <= n; round++) {
    const indices = [...corral].sort((a, b) => a - b);
    const v = affineMinimizer(gramian, n, indices);
    if (!v) return false;
    if (stepToBoundary(w, indices, v) >= 1) return true;
    for (const i of indices) {
      if ((w[i] as number) <= 1e-15) {
        w[i] = 0;
        corral.delete(i);
      }
    }
    const total = w.reduce((sum, x) => sum + x, 0);
    for (let i = 0; i < n; i++) w[i] = (w[i] as number) / total;
  }
  return true;
}

/** argmin ‖Σ v_k g_k‖² subject to Σ v_k = 1 over the corral: [G_SS 1; 1ᵀ 0][v; μ] = [0; 1]. */
function affineMinimizer(gramian: Float64Array, n: number, indices: number[]): Float64Array | undefined {
  const k = indices.length;
  const system = new Float64Array((k + 1) * (k + 1));
  indices.forEach((i, a) => {
    indices.forEach((j, b) => (system[a * (k + 1) + b] = gramian[i * n + j] as number));
    system[a * (k + 1) + k] = 1;
    system[k * (k + 1) + a] = 1;
  });
  const rhs = new Float64Array(k + 1);
  rhs[k] = 1;
  return solveLinear(system, rhs, k + 1)?.subarray(0, k);
}
