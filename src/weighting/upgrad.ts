import { projectToDualCone } from "../linalg/project-to-dual-cone";
import { reportSolver } from "./report-solver";
import { preferenceWeights } from "./preference-weights";
import type { GramianWeighting, SolverStatus } from "./types";

/** Options for {@link upgrad}. */
export interface UpgradOptions {
  /** Preference weights of the projected rows. Default 1/T each (TorchJD). */
  preference?: readonly number[];
  /** Added to the diagonal of the trace-normalised Gramian. Default 1e-4 (TorchJD). */
  regularization?: number;
}

/**
 * UPGrad (Quinton & Rey 2024, "Jacobian Descent for Multi-Objective Optimization", §3 / eq. 6): each
 * task gradient, scaled by its preference weight, is projected onto the dual cone of all task gradients
 * and the projections are summed, so the update conflicts with no task. Each projection is a T×T
 * non-negative QP (active set, exact); `solver` reports the worst of the T solves.
 * Modes: both.
 *
 * @example
 * aggregate(upgrad(), [[-4, 1, 1], [6, 1, 1]]).weights; // ≈ [1.1109, 0.7894] (TorchJD's test value)
 */
export function upgrad(options: UpgradOptions = {}): GramianWeighting {
  const regularization = options.regularization ?? 1e-4;
  return {
    kind: "gramian",
    name: "upgrad",
    weigh(gramian, context) {
      const taskCount = context.taskNames.length;
      const preference = preferenceWeights(options.preference, taskCount, "upgrad");
      const weights = new Float64Array(taskCount);
      const solver: SolverStatus = { converged: true, iterations: 0 };
      for (let i = 0; i < taskCount; i++) {
        const u = new Float64Array(taskCount);
        u[i] = preference[i] as number;
        const projection = projectToDualCone(gramian, taskCount, u, regularization);
        for (let t = 0; t < taskCount; t++) weights[t] = (weights[t] as number) + (projection.weights[t] as number);
        solver.converged &&= projection.solver.converged;
        solver.iterations = Math.max(solver.iterations, projection.solver.iterations);
      }
      return { weights, solver: reportSolver("upgrad", solver) };
    },
  };
}
