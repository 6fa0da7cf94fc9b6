import type { SolverStatus } from "./solver-status";
import { matVec, quadraticForm } from "./matrix-utils";
import { simplexQp } from "./simplex-qp";

/** The minimiser w on the simplex of CAGrad's dual objective, and ‖Jᵀw‖. */
export interface CagradDual {
  weights: Float64Array;
  norm: number;
  solver: SolverStatus;
}

/**
 * Minimises F(w) = wᵀG u + ρ √(wᵀGw) over the simplex (CAGrad, Liu et al. 2021, eq. 5 with
 * u = 1/T, ρ = c‖g₀‖). T = 2: golden-section search on the convex F(x, 1 − x).
 *
 * @example
 * cagradDual(new Float64Array([18, -22, -22, 38]), 2, 0.5 * Math.sqrt(3)).weights; // → [1, 0]
 * cagradDual(new Float64Array([18, -22, -22, 38]), 2,
 *   0.5 * Math.sqrt(3)).norm; // → 4.2426 (‖g_w‖ at the optimum, √18)
 */
export function cagradDual(gramian: Float64Array, taskCount: number, rho: number): CagradDual {
  if (taskCount === 1)
    return {
      weights: new Float64Array([1]),
      norm: Math.sqrt(Math.max(0, gramian[0] as number)),
      solver: { converged: true, iterations: 0 },
    };
  if (taskCount === 2) return cagradDualPair(gramian, rho);
  return cagradDualGeneral(gramian, taskCount, rho);
}

/** Golden-section search on [0, 1] in scalar arithmetic; ~75 iterations shrink the bracket below 1e-15. */
export function cagradDualPair(gramian: Float64Array, rho: number): CagradDual {
  const [g11, g12, , g22] = gramian as unknown as [number, number, number, number];
  const b1 = 0.5 * (g11 + g12);
  const b2 = 0.5 * (g12 + g22);
  const normAt = (x: number) => Math.sqrt(Math.max(0, x * x * g11 + 2 * x * (1 - x) * g12 + (1 - x) * (1 - x) * g22));
  const objective = (x: number) => x * b1 + (1 - x) * b2 + rho * normAt(x);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = 0;
  let hi = 1;
  let left = hi - ratio * (hi - lo);
  let right = lo + ratio * (hi - lo);
  let atLeft = objective(left);
  let atRight = objective(right);
  let iterations = 0;
  while (hi - lo > 1e-15 && iterations < 200) {
    iterations++;
    if (atLeft <= atRight) {
      hi = right;
      right = left;
      atRight = atLeft;
      left = hi - ratio * (hi - lo);
      atLeft = objective(left);
    } else {
      lo = left;
      left = right;
      atLeft = atRight;
      right = lo + ratio * (hi - lo);
      atRight = objective(right);
    }
  }
  const x = [0, 1, (lo + hi) / 2].reduce((best, c) => (objective(c) < objective(best) ? c : best));
  return { weights: new Float64Array([x, 1 - x]), norm: normAt(x), solver: { converged: true, iterations } };
}

/**
 * General T: the minimiser also minimises wᵀb + (μ/2) wᵀGw for the μ with μ‖Jᵀw(μ)‖ = ρ, and
 * μ‖Jᵀw(μ)‖ is non-decreasing in μ, so μ is found by bisection in log μ; each w(μ) is a simplex QP.
 */
export function cagradDualGeneral(gramian: Float64Array, n: number, rho: number): CagradDual {
  const b = matVec(gramian, new Float64Array(n).fill(1 / n), n);
  let iterations = 0;
  let innerConverged = true;
  let start: Float64Array | undefined;
  const solveAt = (mu: number) => {
    iterations++;
    const q = gramian.map((value) => value * mu);
    const result = simplexQp(q, b, n, { start, tolerance: 1e-13 });
    innerConverged &&= result.solver.converged;
    start = result.weights;
    const norm = Math.sqrt(Math.max(0, quadraticForm(gramian, result.weights, n)));
    return { weights: result.weights, norm, excess: mu * norm - rho };
  };
  const scale = Math.sqrt(Math.max(1e-300, quadraticForm(gramian, new Float64Array(n).fill(1 / n), n)));
  let lo = rho / scale;
  let hi = lo;
  let atLo = solveAt(lo);
  let atHi = atLo;
  for (let k = 0; k < 200 && atLo.excess > 0; k++) atLo = solveAt((lo /= 4));
  for (let k = 0; k < 200 && atHi.excess < 0; k++) atHi = solveAt((hi *= 4));
  if (atHi.excess < 0) {
    // ‖Jᵀw‖ → 0 faster than 1/μ: zero is in the hull and the optimum has Jᵀw = 0.
    return { weights: atHi.weights, norm: 0, solver: { converged: innerConverged, iterations } };
  }
  let best = atHi;
  for (let k = 0; k < 200 && hi / lo > 1 + 1e-13; k++) {
    const mid = Math.sqrt(lo * hi);
    const atMid = solveAt(mid);
    if (atMid.excess < 0) lo = mid;
    else {
      hi = mid;
      best = atMid;
    }
  }
  const converged = innerConverged && hi / lo <= 1 + 1e-12;
  return { weights: best.weights, norm: best.norm, solver: { converged, iterations } };
}
