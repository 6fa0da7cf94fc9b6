import * as tf from "@tensorflow/tfjs-core";
import { createRng } from "../backend/random";
import { withSeed } from "../backend/seed";
import { knownNames, mtlError } from "../errors";
import { checkWeighting } from "./dispatch";
import type { RepresentationLosses, LossesByTask, WeightedGradientsOptions } from "./step-types";
import type { WeightingContext, WeightingMethod } from "./types";

/** A checked {@link WeightedGradientsOptions}, with the losses function wrapped for seeding. */
export interface StepPlan {
  method: WeightingMethod;
  taskNames: string[];
  shared: tf.Variable[];
  /** Each task's own variables, in task order. */
  own: tf.Variable[][];
  /** Every variable that can get a gradient: shared, task-owned and the method's own, once each. */
  all: tf.Variable[];
  context: Omit<WeightingContext, "losses">;
  /** Calls the losses function (seeded when a seed was given). */
  call: () => LossesByTask | RepresentationLosses;
  /** Calls a representation's heads (seeded when a seed was given). */
  heads: (found: RepresentationLosses, representation: tf.Tensor) => LossesByTask;
  penalty: () => tf.Scalar | undefined;
}

/**
 * Checks the options of `weightedGradients` — the method's kind, no variable both shared and task-owned —
 * and resolves them into a plan.
 *
 * @example
 * const w = tf.variable(tf.ones([2]));
 * stepPlan(() => ({ a: tf.sum(w) }), { weighting: equal(), shared: [], tasks: { a: [w] } }).taskNames; // ["a"]
 */
export function stepPlan(
  losses: () => LossesByTask | RepresentationLosses,
  options: WeightedGradientsOptions,
): StepPlan {
  const method = checkWeighting(options?.weighting);
  const taskNames = Object.keys(options.tasks ?? {});
  if (taskNames.length === 0) {
    throw mtlError({
      code: "no-tasks",
      message: "weightedGradients got no tasks",
      fix:
        "pass tasks: { left: [...], right: [...] }, one entry per task (an empty list when a task has no own " +
        "variables)",
    });
  }
  const shared = [...(options.shared ?? [])];
  const own = taskNames.map((name) => [...(options.tasks[name] ?? [])]);
  checkOwnership(shared, taskNames, own);
  const extra = method.kind === "loss" ? (method.variables ?? []) : [];
  const all = [...new Set([...shared, ...own.flat(), ...extra])];
  if (all.length === 0) {
    // tf.variableGrads with an empty list would differentiate every trainable variable in the process.
    throw mtlError({
      code: "no-variables",
      message: "weightedGradients got no variables (shared and every task's list are empty)",
      fix: "list the variables to train in shared and tasks",
    });
  }
  const { seed } = options;
  const seeded = <T>(offset: number, fn: () => T): T => (seed === undefined ? fn() : withSeed(seed + offset, fn));
  const context = {
    step: options.context?.step ?? 0,
    epoch: options.context?.epoch ?? 0,
    rng: options.context?.rng ?? createRng(0),
    taskNames,
  };
  return {
    method,
    taskNames,
    shared,
    own,
    all,
    context,
    call: () => seeded(0, losses),
    heads: (found, representation) => seeded(1, () => found.heads(representation)),
    penalty: options.penalty ?? (() => undefined),
  };
}

/** True when a losses function returned the representation form. */
export function isRepresentation(found: LossesByTask | RepresentationLosses): found is RepresentationLosses {
  return (
    typeof (found as { heads?: unknown }).heads === "function" &&
    (found as { representation?: unknown }).representation instanceof tf.Tensor
  );
}

/**
 * The per-task scalar losses in task order (or only task `only`'s, reading no other value, so a result
 * with lazy getters computes one loss per pass), or an error naming a missing task, an unknown key or a
 * non-scalar value.
 *
 * @example
 * readLosses({ a: tf.scalar(1) }, ["a"]).length; // 1
 */
export function readLosses(found: LossesByTask, taskNames: readonly string[], only?: number): tf.Scalar[] {
  const given = found !== null && typeof found === "object" ? Object.keys(found) : [];
  const missing = taskNames.find((name) => !given.includes(name));
  if (missing !== undefined) {
    throw mtlError({
      code: "missing-task-loss",
      message:
        `the losses function returned no loss for task "${missing}" (it returned ` +
        `${given.length ? knownNames(given) : "none"})`,
      fix: `return one scalar loss per task: ${knownNames(taskNames)}`,
    });
  }
  const unknown = given.filter((name) => !taskNames.includes(name));
  if (unknown.length > 0) {
    throw mtlError({
      code: "unknown-task-loss",
      message: `the losses function returned a loss for unknown task "${unknown[0]}"`,
      fix: `use the task names of options.tasks: ${knownNames(taskNames)}`,
    });
  }
  const wanted = only === undefined ? taskNames : [taskNames[only] as string];
  return wanted.map((name) => {
    const value = found[name];
    if (!(value instanceof tf.Tensor) || value.size !== 1) {
      throw mtlError({
        code: "bad-task-loss",
        message: `the loss of task "${name}" is not a scalar tensor`,
        fix: "return a scalar per task, e.g. tf.losses.meanSquaredError(labels, predictions)",
      });
    }
    return value as tf.Scalar;
  });
}

function checkOwnership(
  shared: readonly tf.Variable[],
  taskNames: readonly string[],
  own: readonly tf.Variable[][],
): void {
  const sharedSet = new Set(shared);
  own.forEach((variables, t) => {
    const both = variables.find((v) => sharedSet.has(v));
    if (both === undefined) return;
    throw mtlError({
      code: "variable-shared-and-owned",
      message: `variable "${both.name}" is listed as shared and as task "${taskNames[t]}"'s own`,
      fix: "list each variable once: in shared if several tasks use it, else under its task",
    });
  });
}
