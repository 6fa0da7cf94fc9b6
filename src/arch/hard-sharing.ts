import type * as tf from "@tensorflow/tfjs-core";
import { checkOptions, optionNames } from "../check-options";
import type { Task } from "../tasks/types";
import type { Encoder } from "./encoders/types";
import { multiTaskModel } from "./multi-task-model";
import { checkTasks } from "./parts/check-tasks";
import { deriveSeed } from "./parts/derive-seed";
import { drawSeed } from "./parts/draw-seed";
import { taskHead, type HeadOptions } from "./task-head";
import type { MultiTaskModel, NamedTensors } from "./types";

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
  /**
   * Seeds the initial weights of the heads, and of the trunk unless it was given its own seed.
   * Default: drawn from `Math.random` (fixed by `setSeed`). `Math.random` itself is left alone.
   */
  seed?: number;
  name?: string;
}

const names = optionNames<HardSharingOptions>({
  trunk: true,
  tasks: true,
  head: true,
  heads: true,
  inputName: true,
  seed: true,
  name: true,
});

/**
 * Hard parameter sharing (Caruana 1997; Ruder 2017 §3): one shared trunk z = f(x; θ_sh) and one
 * head per task ŷ_t = h_t(z; θ_t), side by side. Validates the tasks (loss/kind, metrics) on
 * construction and reports shared and per-task variables for the trainer.
 *
 * @example
 * const model = hardSharing({
 *   trunk: mlp({ inputShape: [8], hidden: [16] }),
 *   tasks: [{ name: "a", kind: "classification", classes: 3 }, { name: "b", kind: "regression" }],
 *   seed: 1,
 * });
 * countParameters(model); // → { shared: 144, tasks: { a: 51, b: 17 }, total: 212 }
 * model.dispose();
 */
export function hardSharing(options: HardSharingOptions): MultiTaskModel {
  checkOptions("hardSharing", options, names);
  const { tasks, trunk } = options;
  checkTasks(tasks, "hardSharing");
  const seed = options.seed ?? drawSeed();
  const zShape = trunk.build({ seed: deriveSeed(seed, "trunk") });
  const heads: Record<string, Encoder> = {};
  for (const task of tasks) {
    const headOptions = { ...options.head, ...options.heads?.[task.name] };
    heads[task.name] = taskHead(task, zShape, {
      ...headOptions,
      seed: headOptions.seed ?? deriveSeed(seed, "head", task.name),
    });
    heads[task.name]?.build();
  }
  const headList = tasks.map((task) => heads[task.name] as Encoder);
  const inputName = options.inputName ?? "x";
  return multiTaskModel({
    name: options.name ?? "hardSharing",
    tasks,
    inputName,
    inputShape: trunk.inputShape,
    representation: (x, forward) => trunk.apply(x, forward),
    heads: (z, forward): NamedTensors =>
      Object.fromEntries(tasks.map((task, t) => [task.name, headList[t]!.apply(z, forward)])),
    sharedVariables: trunk.variables(),
    taskVariables: Object.fromEntries(tasks.map((task, t) => [task.name, headList[t]!.variables()])),
    stateVariables: [trunk, ...headList].flatMap((encoder): tf.Variable[] => encoder.stateVariables()),
    config: {
      architecture: "hardSharing",
      inputName,
      trunk: trunk.config,
      head: options.head ?? {},
      heads: options.heads ?? {},
      tasks: tasks.map((task) => ({ ...task })),
      seed,
    },
    dispose: () => [trunk, ...headList].forEach((encoder) => encoder.dispose()),
  });
}
