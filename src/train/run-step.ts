import type * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";
import type { RepresentationLosses, LossesByTask } from "../weighting/step-types";
import { weightedGradients } from "../weighting/weighted-gradients";
import { mixSeed } from "./mix-seed";
import type { Run } from "./prepare-run";
import type { StepInput, StepOutcome } from "./step-types";
import type { NamedTensors } from "../arch/types";
import { taskLoss } from "../tasks/task-loss";

/**
 * One training step through {@link weightedGradients}, the same function a custom loop calls: the model's
 * forward (or, in representation mode, its trunk and heads) as the losses function, each pass given the
 * step's seed in its forward options, so every pass of the step sees the same dropout masks and
 * `Math.random` is never replaced; batch norm's running statistics move on the step's first pass only.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const run = prepareRun(model, data, { epochs: 1, seed: 1 });
 * const batch = makeBatch(run.train, [0, 1], model.inputNames, run.tasks);
 * const context = { step: 0, epoch: 0, rng: createRng(1), taskNames: ["a", "b"] };
 * const outcome = runStep(run, { model, tasks: run.tasks, batch, context, stepSeed: 1, penalty: run.penalty });
 * outcome.weights; // → [0.5, 0.5]
 * Object.keys(outcome.grads).length === run.variables.length; // → true
 * tf.dispose(Object.values(outcome.grads));
 * disposeBatch(batch);
 * model.dispose();
 */
export function runStep(run: Run, input: StepInput): StepOutcome {
  const { model, batch } = input;
  const names = input.tasks.map((task) => task.name);
  // Lazy: a loss is computed when the step reads it (every step reads each task's loss once).
  const byName = (outputs: NamedTensors): LossesByTask => {
    const lazy = {};
    input.tasks.forEach((task) => {
      const get = () =>
        taskLoss(task, outputs[task.name] as tf.Tensor, batch.targets[task.name] as tf.Tensor, batch.masks[task.name]);
      Object.defineProperty(lazy, task.name, { enumerable: true, get });
    });
    return lazy;
  };
  const representation = run.weighting.kind !== "loss" && run.mode === "representation";
  if (!representation && run.weighting.kind !== "loss" && model.sharedVariables.length === 0) {
    throw mtlError({
      code: "no-shared-variables",
      message:
        `model "${model.name}" has no shared variables, so gradient method "${run.weighting.name}" has ` +
        `nothing to combine: it weighs task gradients on shared parameters, and each task's own parameters already ` +
        `get their own gradient`,
      fix:
        "use a loss-based weighting (equal, staticWeights, uncertainty, dwa, rlw, …), or a model with shared " +
        "parameters (hardSharing, crossStitch, mmoe) for a gradient method",
    });
  }
  const parts = representation ? representationParts(model) : undefined;
  // The step calls the model (and the heads) once; should it ever call again, the statistics move on the first only.
  const calls = { model: 0, heads: 0 };
  const pass = (seed: number, count: number) => ({ training: true, seed, updateStatistics: count === 0 });
  const forward = (): LossesByTask | RepresentationLosses => {
    if (parts === undefined) return byName(model.forward(batch.inputs, pass(input.stepSeed, calls.model++)));
    const { trunk, heads } = parts;
    return {
      representation: trunk(batch.inputs, pass(input.stepSeed, calls.model++)),
      heads: (z: tf.Tensor) => byName(heads(z, pass(mixSeed(input.stepSeed, 1), calls.heads++))),
    };
  };
  const tasks = Object.fromEntries(names.map((name) => [name, model.taskVariables[name] ?? []]));
  const { step, epoch, rng } = input.context;
  const result = weightedGradients(forward, {
    weighting: run.weighting,
    shared: model.sharedVariables,
    tasks,
    context: { step, epoch, rng },
    penalty: input.penalty,
  });
  const order = names.map((name) => result.taskNames.indexOf(name));
  const outcome: StepOutcome = {
    grads: result.grads,
    losses: reorder(result.losses, order),
    weights: reorder(result.weights, order),
  };
  if (result.solver) outcome.solver = result.solver;
  if (result.cosines)
    outcome.cosines = Float64Array.from(
      { length: order.length ** 2 },
      (_, k) =>
        result.cosines?.[
          (order[Math.floor(k / order.length)] as number) * order.length + (order[k % order.length] as number)
        ] as number,
    );
  return outcome;
}

/** Task order as given (object keys put integer-like task names first, so the result's order can differ). */
function reorder(values: Float64Array, order: readonly number[]): Float64Array {
  return Float64Array.from(order, (i) => values[i] as number);
}

function representationParts(model: StepInput["model"]) {
  const trunk = model.representation;
  const heads = model.heads;
  if (trunk === undefined || heads === undefined) {
    throw mtlError({
      code: "mode-unsupported",
      message: `gradient mode "representation" needs a shared representation but model "${model.name}" has none`,
      fix: 'use gradientMode: "param"',
    });
  }
  return { trunk, heads };
}
