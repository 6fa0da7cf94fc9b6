import { minNormPoint } from "../linalg/min-norm-point";
import { reportSolver } from "./report-solver";
import type { GramianWeighting } from "./types";

/** Options for {@link mgda}. */
export interface MgdaOptions {
  /** Solver for T > 2: "wolfe" (exact, default) or "frank-wolfe" (away steps; the paper's Algorithm 2 family). */
  solver?: "wolfe" | "frank-wolfe";
  /** Relative optimality tolerance (T > 2). Default 1e-12. */
  tolerance?: number;
  /** Iterations before giving up (T > 2). Default 2000 (Frank–Wolfe) or 100·T (Wolfe). */
  maxIterations?: number;
}

/**
 * MGDA: the weights on the simplex of the minimum-norm point of the convex hull of the task
 * gradients (Sener & Koltun 2018, eq. 3; Désidéri 2012). Exact for T = 2 (their Algorithm 1); for T > 2
 * Wolfe's exact corral algorithm by default, or `solver: "frank-wolfe"` (their Algorithm 2, plus away
 * steps and exact line search). TorchJD and the official code stop plain Frank–Wolfe early (step size
 * below 1e-3, ≤ 100 or 250 iterations), so their T > 2 weights are approximate.
 * Weights sum to 1, as in TorchJD; the official code and LibMTL scale them to sum to T.
 * No gradient normalisation (the paper's "l2"/"loss+" variants are off in TorchJD and LibMTL's default).
 * Modes: both — param-grad is MGDA, rep-grad is the paper's MGDA-UB (§3.3).
 *
 * @example
 * aggregate(mgda(), [[-4, 1, 1], [6, 1, 1]]).weights; // Float64Array [0.6, 0.4]
 */
export function mgda(options: MgdaOptions = {}): GramianWeighting {
  const solverOptions = {
    solver: options.solver ?? "wolfe",
    tolerance: options.tolerance ?? 1e-12,
    ...(options.maxIterations ? { maxIterations: options.maxIterations } : {}),
  };
  return {
    kind: "gramian",
    name: "mgda",
    weigh(gramian, context) {
      const taskCount = context.taskNames.length;
      const { weights, solver } = minNormPoint(gramian, taskCount, solverOptions);
      return { weights, solver: reportSolver("mgda", solver) };
    },
  };
}
