import { projectToDualCone } from "../linalg/project-to-dual-cone";
import { reportSolver } from "./report-solver";
import { preferenceWeights } from "./preference-weights";
import type { GramianWeighting } from "./types";

/** Options for {@link dualProj}. */
export interface DualProjOptions {
  /** Weights of the vector to project. Default 1/T each (the mean gradient; TorchJD). */
  preference?: readonly number[];
  /** Added to the diagonal of the trace-normalised Gramian. Default 1e-4 (TorchJD). */
  regularization?: number;
}

/**
 * DualProj (Quinton & Rey 2024, "Jacobian Descent", §3): the mean gradient projected onto the dual
 * cone of the task gradients, i.e. the closest update to the mean that conflicts with no task
 * (as in A-GEM / GEM's projection, Lopez-Paz & Ranzato 2017, eq. 10). One T×T non-negative QP.
 * Modes: both.
 *
 * @example
 * aggregate(dualProj(), [[-4, 1, 1], [6, 1, 1]]).weights; // ≈ [0.6109, 0.5] (TorchJD's test value)
 */
export function dualProj(options: DualProjOptions = {}): GramianWeighting {
  const regularization = options.regularization ?? 1e-4;
  return {
    kind: "gramian",
    name: "dualProj",
    weigh(gramian, context) {
      const taskCount = context.taskNames.length;
      const u = preferenceWeights(options.preference, taskCount, "dualProj");
      const { weights, solver } = projectToDualCone(gramian, taskCount, u, regularization);
      return { weights, solver: reportSolver("dualProj", solver) };
    },
  };
}
