import { warnOnce } from "../errors";
import type { SolverStatus } from "./types";

/**
 * Warns once per method when its solver did not converge, and returns the status unchanged so it
 * also reaches the history: a non-converged solve is never silently replaced by another answer.
 *
 * @example
 * reportSolver("nashMtl", { converged: false, iterations: 100 }); // prints one warning, returns the status
 */
export function reportSolver(methodName: string, solver: SolverStatus): SolverStatus {
  if (!solver.converged) {
    warnOnce(
      `${methodName}-not-converged`,
      `${methodName}'s solver stopped after ${solver.iterations} iterations without converging; ` +
        "its weights for this step are the last iterate (see `solver` in the history)",
    );
  }
  return solver;
}
