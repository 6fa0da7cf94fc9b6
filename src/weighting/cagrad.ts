import { mtlError } from "../errors";
import { cagradDual } from "../linalg/cagrad-dual";
import { quadraticForm, trace } from "../linalg/matrix-utils";
import { reportSolver } from "./report-solver";
import type { GramianWeighting } from "./types";

/** Options for {@link cagrad}. */
export interface CagradOptions {
  /** Radius of the ball around the mean gradient, relative to its norm. Default 0.5 (paper, TorchJD's test). */
  c?: number;
  /**
   * Divide the update by 1 + c ("1+c", the official toy script), by 1 + c² ("1+c^2", the official
   * NYUv2 code's default), or not at all ("none", TorchJD). Default "none".
   */
  rescale?: "none" | "1+c" | "1+c^2";
  /**
   * Below this norm of g_w (on the trace-normalised Gramian) the point counts as Pareto-stationary and the weights are
   * 0 (TorchJD). Default 1e-4.
   */
  normEps?: number;
}

/**
 * CAGrad (Liu et al. 2021, "Conflict-Averse Gradient Descent", Algorithm 1): maximise the worst task
 * improvement within a ball of radius c‖g₀‖ around the mean gradient g₀. Solves the dual (eq. 5)
 * min_{w ∈ simplex} g_wᵀg₀ + √φ ‖g_w‖ with √φ = c‖g₀‖ (exact golden section for T = 2,
 * bisection over a simplex QP for T > 2),
 * then d = g₀ + (√φ/‖g_w‖) g_w, i.e. weights 1/T + (√φ/‖g_w‖) w.
 * The official code solves the dual with scipy's SLSQP; TorchJD with cvxpy/Clarabel.
 * Modes: both (the paper uses parameter gradients; the update is a combination of task gradients either way).
 *
 * @example
 * aggregate(cagrad({ c: 0.5 }), [[-4, 1, 1], [6, 1, 1]]).weights; // ≈ [0.7041, 0.5] (TorchJD's test value)
 */
export function cagrad(options: CagradOptions = {}): GramianWeighting {
  const c = options.c ?? 0.5;
  const normEps = options.normEps ?? 1e-4;
  const rescale = options.rescale ?? "none";
  if (!(c >= 0) || !["none", "1+c", "1+c^2"].includes(rescale)) {
    throw mtlError({
      code: "bad-option",
      message:
        `cagrad expects c ≥ 0 and rescale "none", "1+c" or "1+c^2", found c = ${c}, rescale = ` +
        `${JSON.stringify(rescale)}`,
      fix: "use e.g. cagrad({ c: 0.5 })",
    });
  }
  const divisor = rescale === "1+c" ? 1 + c : rescale === "1+c^2" ? 1 + c * c : 1;
  return {
    kind: "gramian",
    name: "cagrad",
    weigh(gramian, context) {
      const taskCount = context.taskNames.length;
      const total = trace(gramian, taskCount);
      const g = total > 0 ? gramian.map((value) => value / total) : new Float64Array(taskCount * taskCount);
      const mean = new Float64Array(taskCount).fill(1 / taskCount);
      const rho = c * Math.sqrt(Math.max(0, quadraticForm(g, mean, taskCount)));
      if (rho === 0) return { weights: mean.map((value) => value / divisor) };
      const dual = cagradDual(g, taskCount, rho);
      const solver = reportSolver("cagrad", dual.solver);
      if (!(dual.norm > normEps)) return { weights: new Float64Array(taskCount), solver };
      const weights = mean.map((value, t) => (value + (rho / dual.norm) * (dual.weights[t] as number)) / divisor);
      return { weights, solver };
    },
  };
}
