import { nashEquilibrium } from "../linalg/nash-equilibrium";
import { quadraticForm } from "../linalg/matrix-utils";
import { reportSolver } from "./report-solver";
import type { GramianWeighting } from "./types";

/** Options for {@link nashMtl}. */
export interface NashMtlOptions {
  /**
   * Scale the weights so that ‖Σ α_t g_t‖ ≤ maxNorm; 0 disables. Default 1 (TorchJD and the official code,
   * which clips the gradient norm to 1).
   */
  maxNorm?: number;
  /** Scale-free tolerance on max_t |α_t (Gα)_t − 1|. Default 1e-10. */
  tolerance?: number;
  /** Newton iterations before giving up. Default 100. */
  maxIterations?: number;
}

/**
 * Nash-MTL (Navon et al. 2022, "Multi-Task Learning as a Bargaining Game", eq. 4 / Algorithm 1): the
 * Nash bargaining solution d = Σ α_t g_t with G α = 1/α, solved exactly in T dimensions by damped Newton
 * on ½ αᵀGα − Σ log α (no external solver). The official code and TorchJD instead run ≤ 20 rounds of a
 * convex-concave procedure with cvxpy/ECOS on G/‖G‖_F, warm-started from the last step; the exact solution
 * needs no warm start and no normalisation. At the solution ‖d‖ = √T, so with the default maxNorm = 1 the
 * update always has unit norm. Scale law: α(cJ) = α(J)/c, so d does not depend on the gradients' scale.
 * Zero task gradients get weight 0; if the gradients can cancel exactly there is no solution and
 * `solver.converged` is false. Modes: both (the paper uses parameter gradients).
 *
 * @example
 * aggregate(nashMtl(), [[-4, 1, 1], [6, 1, 1]]).direction; // ≈ [0.0542, 0.7061, 0.7061] (TorchJD's test value)
 */
export function nashMtl(options: NashMtlOptions = {}): GramianWeighting {
  const maxNorm = options.maxNorm ?? 1;
  const solverOptions = { tolerance: options.tolerance ?? 1e-10, maxIterations: options.maxIterations ?? 100 };
  return {
    kind: "gramian",
    name: "nashMtl",
    weigh(gramian, context) {
      const taskCount = context.taskNames.length;
      const { weights, solver } = nashEquilibrium(gramian, taskCount, solverOptions);
      const norm = Math.sqrt(Math.max(0, quadraticForm(gramian, weights, taskCount)));
      const factor = maxNorm > 0 && norm > maxNorm ? maxNorm / norm : 1;
      return { weights: weights.map((value) => value * factor), solver: reportSolver("nashMtl", solver) };
    },
  };
}
