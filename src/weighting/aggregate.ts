import { defaultContext } from "./default-context";
import { dispatchGradients } from "./dispatch";
import { toJacobian, type JacobianInput } from "./to-jacobian";
import type { GradientWeighting, SolverStatus, WeightingContext } from "./types";

/** What {@link aggregate} returns. */
export interface Aggregation {
  /** The combined update vector, length P. */
  direction: Float64Array;
  /** The task weights, length T. */
  weights: Float64Array;
  /** The method's solver status, when it has an iterative solver. */
  solver?: SolverStatus;
}

/**
 * Combines the task gradients J (rows = tasks) with a gradient method, in Float64 through the same
 * dispatcher as the trainer ({@link dispatchGradients}): a Gramian method's weights w from J Jᵀ give
 * Σ_t w_t g_t; a Jacobian method (GradDrop, DB-MTL) combines J itself. Does not advance the
 * method's state: call `method.endStep` yourself to do that.
 *
 * @example
 * const { direction, weights } = aggregate(mgda(), [[-4, 1, 1], [6, 1, 1]]);
 * Array.from(weights, (w) => Number(w.toFixed(4))); // → [0.6, 0.4]
 * Array.from(direction, (x) => Number(x.toFixed(4))); // → [0, 1, 1]
 */
export function aggregate(
  method: GradientWeighting,
  rows: JacobianInput,
  context?: Partial<WeightingContext>,
): Aggregation {
  const jacobian = toJacobian(rows, context?.taskNames);
  return dispatchGradients(method, jacobian, defaultContext(jacobian.taskCount, context));
}
