import * as tf from "@tensorflow/tfjs-core";
import { setSeed } from "../backend/seed";
import { knownNames, mtlError } from "../errors";
import { activateOutput } from "../tasks/activate-output";
import { resolveTasks } from "../tasks/resolve-tasks";
import type { Task } from "../tasks/types";
import type { Encoder } from "./encoders/types";
import { taskHead, type HeadOptions } from "./task-head";
import type { ForwardOptions, MultiTaskModel, NamedTensors } from "./types";

/** Options of {@link hardSharing}. */
export interface HardSharingOptions {
  /** The shared trunk: a ready encoder (mlp, lenet, gruText, convText) or `layerStack` of any tfjs layers. */
  trunk: Encoder;
  /** The tasks; each gets its own head side by side on the trunk's representation. */
  tasks: readonly Task[];
  /** Head options for every task. */
  head?: HeadOptions;
  /** Per-task head options, overriding `head`. */
  heads?: Readonly<Record<string, HeadOptions>>;
  /** The batch input the trunk reads. Default "x". */
  inputName?: string;
  /** Seeds the initial weights (calls setSeed before building). */
  seed?: number;
  name?: string;
}

/**
 * Hard parameter sharing (Caruana 1997; Ruder 2017 §3): one shared trunk z = f(x; θ_sh) and one
 * head per task ŷ_t = h_t(z; θ_t), side by side. Validates the tasks (loss/kind, metrics) on
 * construction and reports shared and per-task variables for the trainer.
 *
 * @example
 * const model = hardSharing({
 *   trunk: mlp({ inputShape: [8], hidden: [16] }),
 *   tasks: [{ name: "a", kind: "classification", classes: 3 }, { name: "b", kind: "regression" }],
 * });
 * countParameters(model); // { shared: 144, tasks: { a: 51, b: 17 }, total: 212 }
 */
export function hardSharing(options: HardSharingOptions): MultiTaskModel {
  resolveTasks(options.tasks);
  if (options.seed !== undefined) setSeed(options.seed);
  const trunk = options.trunk;
  const zShape = trunk.build();
  const heads: Record<string, Encoder> = {};
  for (const task of options.tasks) {
    heads[task.name] = taskHead(task, zShape, { ...options.head, ...options.heads?.[task.name] });
    heads[task.name]?.build();
  }
  const inputName = options.inputName ?? "x";
  const representation = (inputs: NamedTensors, forward: ForwardOptions): tf.Tensor =>
    tf.tidy(() => trunk.apply(readInput(inputs, inputName), forward));
  const applyHeads = (z: tf.Tensor, forward: ForwardOptions): NamedTensors =>
    tf.tidy(() => Object.fromEntries(options.tasks.map((task) => [task.name, heads[task.name]!.apply(z, forward)])));
  const forward = (inputs: NamedTensors, forwardOptions: ForwardOptions): NamedTensors =>
    tf.tidy(() => applyHeads(representation(inputs, forwardOptions), forwardOptions));
  const taskVariables = Object.fromEntries(options.tasks.map((task) => [task.name, heads[task.name]!.variables()]));
  return {
    name: options.name ?? "hardSharing",
    tasks: options.tasks,
    inputNames: [inputName],
    forward,
    predict: (inputs) =>
      tf.tidy(() => {
        const raw = forward(inputs, { training: false });
        return Object.fromEntries(options.tasks.map((task) => [task.name, activateOutput(task, raw[task.name]!)]));
      }),
    representation,
    heads: applyHeads,
    sharedVariables: trunk.variables(),
    taskVariables,
    config: {
      architecture: "hardSharing",
      inputName,
      trunk: trunk.config,
      head: options.head ?? {},
      heads: options.heads ?? {},
      tasks: options.tasks.map((task) => ({ ...task })),
    },
    dispose: () => {
      trunk.dispose();
      Object.values(heads).forEach((head) => head.dispose());
    },
  };
}

function readInput(inputs: NamedTensors, name: string): tf.Tensor {
  const input = inputs[name];
  if (input === undefined) {
    throw mtlError({
      code: "unknown-input",
      message: `the model reads input "${name}" but the batch has no such input`,
      fix: `set the model's inputName to one of ${knownNames(Object.keys(inputs))}`,
    });
  }
  return input;
}
