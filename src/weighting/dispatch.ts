import * as tf from "@tensorflow/tfjs-core";
import { knownNames, mtlError } from "../errors";
import { gramian as hostGramian } from "../linalg/gramian";
import { combineRows } from "./combine-rows";
import type { Jacobian } from "./to-jacobian";
import type {
  GradientWeighting,
  JacobianCombination,
  TensorCombination,
  WeightingContext,
  WeightingKind,
  WeightingMethod,
} from "./types";

/** The one function each kind must have. */
const requiredFunction: Record<WeightingKind, string> = { loss: "combine", gramian: "weigh", jacobian: "combine" };

/** A device combination with the row-major T×T cosine similarities of the task gradients. */
export interface DeviceCombination extends TensorCombination {
  /** Row-major T×T cosine similarities G_ij / √(G_ii G_jj) (0 for a zero gradient). */
  cosines: Float64Array;
}

/**
 * Checks that `method` is a weighting method of a known kind with its kind's function — what the compiler
 * checks in TypeScript, for objects that come from plain JavaScript — and returns it typed.
 *
 * @example
 * checkWeighting(mgda()).kind; // → "gramian"
 */
export function checkWeighting(method: unknown): WeightingMethod {
  const candidate = method as { kind?: unknown; name?: unknown } | null | undefined;
  const kind = candidate?.kind;
  const name = typeof candidate?.name === "string" ? `"${candidate.name}"` : "without a name";
  if (typeof kind !== "string" || !(kind in requiredFunction)) {
    throw mtlError({
      code: "unknown-weighting-kind",
      message:
        `weighting method ${name} has kind ${JSON.stringify(kind)}, expected one of ` +
        `${knownNames(Object.keys(requiredFunction))}`,
      fix:
        'build it with a factory (mgda(), equal(), …) or give it kind "loss" with combine, ' +
        '"gramian" with weigh, or "jacobian" with combine',
    });
  }
  const required = requiredFunction[kind as WeightingKind];
  if (typeof (method as Record<string, unknown>)[required] !== "function") {
    throw mtlError({
      code: "method-without-function",
      message: `weighting method ${name} of kind "${kind}" has no function ${required}`,
      fix: `implement ${required}; a "${kind}" method needs it`,
    });
  }
  return method as WeightingMethod;
}

/** Checks that `method` is a gradient method (Gramian or Jacobian kind); `user` names who needs one. */
export function checkGradientWeighting(method: unknown, user: string): GradientWeighting {
  const checked = checkWeighting(method);
  if (checked.kind === "loss") {
    throw mtlError({
      code: "not-a-gradient-method",
      message: `${user} needs a gradient method (kind "gramian" or "jacobian") but "${checked.name}" is loss-based`,
      fix: "use a loss-based method with train or weightedGradients, which take both kinds",
    });
  }
  return checked;
}

/**
 * The one dispatcher of gradient methods, behind `aggregate` (J on the host, Float64) and the trainer's and
 * `weightedGradients`' step (J on the device): a Gramian method weighs G = J Jᵀ and the update is wᵀJ;
 * a Jacobian method combines J itself, on the device with `combineTensor` when it has one (else J is read
 * back). On the device path G is computed with one matMul anyway, for the cosines the trainer records.
 *
 * @example
 * const J = toJacobian([[-4, 1, 1], [6, 1, 1]]);
 * dispatchGradients(mgda(), J, defaultContext(2)).weights; // → [0.6, 0.4]
 */
export function dispatchGradients(
  method: GradientWeighting,
  jacobian: Jacobian,
  context: WeightingContext,
): JacobianCombination;
export function dispatchGradients(
  method: GradientWeighting,
  jacobian: tf.Tensor2D,
  context: WeightingContext,
): DeviceCombination;
export function dispatchGradients(
  method: GradientWeighting,
  jacobian: Jacobian | tf.Tensor2D,
  context: WeightingContext,
): JacobianCombination | DeviceCombination {
  const checked = checkGradientWeighting(method, "dispatchGradients");
  const onDevice = jacobian instanceof tf.Tensor;
  const [taskCount, parameterCount] = onDevice ? jacobian.shape : [jacobian.taskCount, jacobian.parameterCount];
  checkTaskNames(context, taskCount);
  if (!onDevice) {
    if (checked.kind === "jacobian") return withSolver(checked.combine(jacobian, context));
    const { weights, solver } = checked.weigh(hostGramian(jacobian.data, taskCount, parameterCount), context);
    return withSolver({ direction: combineRows(jacobian.data, weights, taskCount, parameterCount), weights, solver });
  }
  const gramian = deviceGramian(jacobian);
  const cosines = cosineMatrix(gramian, taskCount);
  if (checked.kind === "gramian") {
    const { weights, solver } = checked.weigh(gramian, context);
    const row = Float32Array.from(weights);
    const direction = tf.tidy(
      () => tf.reshape(tf.matMul(tf.tensor2d(row, [1, taskCount], "float32"), jacobian), [-1]) as tf.Tensor1D,
    );
    return withSolver({ direction, weights, solver, cosines });
  }
  if (checked.combineTensor) return withSolver({ ...checked.combineTensor(jacobian, context, gramian), cosines });
  const host = { data: Float64Array.from(jacobian.dataSync()), taskCount, parameterCount };
  const result = checked.combine(host, context);
  return withSolver({ ...result, direction: tf.tensor1d(Float32Array.from(result.direction), "float32"), cosines });
}

/** Drops an undefined `solver`, so results compare equal to ones that never had it. */
function withSolver<T extends { solver?: unknown }>(result: T): T {
  if (result.solver === undefined) delete result.solver;
  return result;
}

function checkTaskNames(context: WeightingContext, taskCount: number): void {
  if (context.taskNames.length === taskCount) return;
  throw mtlError({
    code: "task-count-mismatch",
    message: `the task-gradient matrix has ${taskCount} rows but the context names ${context.taskNames.length} tasks`,
    fix: "give one task name per row of J, in row order",
  });
}

function deviceGramian(jacobian: tf.Tensor2D): Float64Array {
  const product = tf.matMul(jacobian, jacobian, false, true);
  const values = Float64Array.from(product.dataSync());
  product.dispose();
  return values;
}

function cosineMatrix(gramian: Float64Array, taskCount: number): Float64Array {
  const cosines = new Float64Array(taskCount * taskCount);
  for (let i = 0; i < taskCount; i++) {
    for (let j = 0; j < taskCount; j++) {
      const norms = Math.sqrt((gramian[i * taskCount + i] as number) * (gramian[j * taskCount + j] as number));
      cosines[i * taskCount + j] = norms > 0 ? (gramian[i * taskCount + j] as number) / norms : 0;
    }
  }
  return cosines;
}
