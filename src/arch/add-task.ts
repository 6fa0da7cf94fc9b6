import * as tf from "@tensorflow/tfjs-core";
import { setSeed } from "../backend/seed";
import { knownNames, mtlError } from "../errors";
import { activateOutput } from "../tasks/activate-output";
import { resolveTasks } from "../tasks/resolve-tasks";
import type { Task } from "../tasks/types";
import { taskHead, type HeadOptions } from "./task-head";
import type { ForwardOptions, MultiTaskModel, NamedTensors } from "./types";

/** Options of {@link addTask}. */
export interface AddTaskOptions {
  /** The new head's hidden layers. Default: a single linear output layer. */
  head?: HeadOptions;
  /** Seeds the new head's initial weights. */
  seed?: number;
  /** Shape of one input sample; default the trunk's `inputShape` in the model's config. */
  inputShape?: readonly number[];
}

/**
 * A model with one more task: a new head on the existing shared representation, next to the old
 * heads (Ruder 2017 §3's hard sharing, extended online). The old outputs are unchanged, bit for
 * bit, and the returned model shares the trunk and old heads with the given one (no copy): train and
 * dispose the returned model, not both. Needs a model with `representation` and `heads`.
 *
 * @example
 * const base = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks: [{ name: "a", kind: "regression" }],
 *   seed: 1 });
 * const grown = addTask(base, { name: "b", kind: "classification", classes: 3 }, { seed: 2 });
 * grown.tasks.map((task) => task.name); // → ["a", "b"]
 * countParameters(grown).tasks.b; // → 27
 * grown.dispose();
 */
export function addTask(model: MultiTaskModel, task: Task, options: AddTaskOptions = {}): MultiTaskModel {
  const names = model.tasks.map((t) => t.name);
  if (names.includes(task.name)) {
    throw mtlError({
      code: "duplicate-task",
      message: `addTask: model "${model.name}" already has a task "${task.name}"`,
      fix: `give the new task a name other than ${knownNames(names)}`,
    });
  }
  const representation = model.representation;
  const oldHeads = model.heads;
  if (representation === undefined || oldHeads === undefined) {
    throw mtlError({
      code: "add-task-unsupported",
      message: `addTask needs a shared representation, but model "${model.name}" has none`,
      fix: "add tasks to a model with representation and heads (hardSharing, mmoe, cgc, …)",
    });
  }
  const tasks = [...model.tasks, task];
  resolveTasks(tasks);
  const zShape = representationShape(model, options.inputShape);
  if (options.seed !== undefined) setSeed(options.seed);
  const head = taskHead(task, zShape, options.head);
  head.build();
  const heads = (z: tf.Tensor, forward: ForwardOptions): NamedTensors =>
    tf.tidy(() => ({ ...oldHeads(z, forward), [task.name]: head.apply(z, forward) }));
  const forward = (inputs: NamedTensors, forwardOptions: ForwardOptions): NamedTensors =>
    tf.tidy(() => heads(representation(inputs, forwardOptions), forwardOptions));
  return {
    name: model.name,
    tasks,
    inputNames: model.inputNames,
    forward,
    predict: (inputs) =>
      tf.tidy(() => {
        const raw = forward(inputs, { training: false });
        return Object.fromEntries(tasks.map((t) => [t.name, activateOutput(t, raw[t.name] as tf.Tensor)]));
      }),
    representation,
    heads,
    sharedVariables: model.sharedVariables,
    taskVariables: { ...model.taskVariables, [task.name]: head.variables() },
    ...(model.penalty ? { penalty: model.penalty } : {}),
    config: {
      ...model.config,
      addedTasks: [...((model.config.addedTasks as unknown[]) ?? []), { task: { ...task }, head: options.head ?? {} }],
    },
    dispose: () => {
      model.dispose();
      head.dispose();
    },
  };
}

function representationShape(model: MultiTaskModel, given: readonly number[] | undefined): number[] {
  const trunk = model.config.trunk as { inputShape?: readonly number[] } | undefined;
  const inputShape = given ?? trunk?.inputShape ?? (model.config.inputShape as readonly number[] | undefined);
  if (inputShape === undefined) {
    throw mtlError({
      code: "missing-input-shape",
      message: `addTask cannot tell the input shape of model "${model.name}" from its config`,
      fix: "pass inputShape, e.g. { inputShape: [28, 28, 1] }",
    });
  }
  return tf.tidy(() => {
    const probe = tf.zeros([1, ...inputShape]);
    const inputs = Object.fromEntries(model.inputNames.map((name) => [name, probe]));
    return model.representation!(inputs, { training: false }).shape.slice(1);
  });
}
