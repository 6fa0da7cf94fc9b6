import { mtlError } from "../errors";
import { combineRows } from "./combine-rows";
import { defaultContext } from "./default-context";
import { gramian } from "../linalg/gramian";
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
 * Combines the task gradients J (rows = tasks) with a gradient method: computes the Gramian J Jᵀ
 * and Σ_t w_t g_t, or calls the method's own `combine` (GradDrop, DB-MTL). Does not advance the
 * method's state: call `method.endStep` yourself to do that.
 *
 * @example
 * aggregate(mgda(), [[-4, 1, 1], [6, 1, 1]]); // { direction: [0, 1, 1], weights: [0.6, 0.4], solver }
 */
export function aggregate(method: GradientWeighting, rows: JacobianInput, context?: Partial<WeightingContext>): Aggregation {
  const { data, taskCount, parameterCount } = toJacobian(rows, context?.taskNames);
  const full = defaultContext(taskCount, context);
  if (method.combine) {
    const { direction, weights, solver } = method.combine(data, taskCount, parameterCount, full);
    return solver ? { direction, weights, solver } : { direction, weights };
  }
  if (!method.weigh) {
    throw mtlError({ code: "method-without-weights", message: `method "${method.name}" has neither weigh nor combine`, fix: "implement one of them" });
  }
  const { weights, solver } = method.weigh(gramian(data, taskCount, parameterCount), taskCount, full);
  const direction = combineRows(data, weights, taskCount, parameterCount);
  return solver ? { direction, weights, solver } : { direction, weights };
}
