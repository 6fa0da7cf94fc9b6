import * as tf from "@tensorflow/tfjs-core";
import type { TaskSpec } from "../tasks/types";
import type { MultiTaskModel, NamedTensors } from "./types";
import type { ActivationName } from "./parts/activation";
import { activateOutputs } from "./parts/activate-outputs";
import { splitColumns } from "./parts/split-columns";
import { multiTaskModel } from "./multi-task-model";
import { checkTasks } from "./parts/check-tasks";
import { flattenBatch } from "./parts/flatten-batch";
import { denseStack } from "./parts/dense-stack";
import { modelRng } from "./parts/model-rng";
import { outputWidth } from "../tasks/output-shape";
import { stopGradient } from "./parts/stop-gradient";
import { taskTower, type TaskTower } from "./parts/task-tower";
import { checkOptions, optionNames } from "../check-options";

/** Options of {@link cascade}. */
export interface CascadeOptions {
  /** The tasks in cascade order: task k's tower also reads task k−1's output. */
  tasks: readonly TaskSpec[];
  /** Shape of one sample of the input (flattened). */
  inputShape: readonly number[];
  /** Name of the input in a batch. Default "x". */
  inputName?: string;
  /** Widths of the shared trunk. Default [32]. */
  hidden?: readonly number[];
  /** Widths of each task tower's hidden layers before its linear head. Default [16]. */
  towerHidden?: readonly number[];
  /**
   * What is fed forward: the previous task's "prediction" (softmax/sigmoid/identity) or its "raw" output. Default
   * "prediction".
   */
  feed?: "prediction" | "raw";
  /** Stop the gradient of task k's loss at what it reads from task k−1. Default false (end to end). */
  detach?: boolean;
  /** Hidden activation. Default "relu". */
  activation?: ActivationName;
  /** Weight-initialisation seed. Default: drawn from `Math.random` (fixed by `setSeed`). */
  seed?: number;
}

const optionList = optionNames<CascadeOptions>({
  tasks: true,
  inputShape: true,
  inputName: true,
  hidden: true,
  towerHidden: true,
  feed: true,
  detach: true,
  activation: true,
  seed: true,
});

/**
 * A cascade (the "sequential" architecture): a shared trunk h = trunk(x); task 1's tower reads h,
 * task k's tower reads [h; output of task k−1]. End to end (`detach: false`), task k's loss
 * reaches towers 1…k, so every tower but the last is in `sharedVariables` and `representation`
 * is [h; raw outputs of tasks 1…T−1]; with `detach: true` each tower is its task's own and
 * `representation` is h. `inspect()` gives what each task k > 1 reads as "feed/<task>".
 *
 * @example
 * const model = cascade({ tasks: [{ name: "coarse", kind: "classification", classes: 3 },
 *   { name: "fine", kind: "classification", classes: 9 }], inputShape: [8], seed: 1 });
 * model.forward({ x: tf.ones([4, 8]) }, { training: false }).fine.shape; // [4, 9]
 */
export function cascade(options: CascadeOptions): MultiTaskModel {
  checkOptions("cascade", options, optionList);
  const { tasks, inputShape } = options;
  checkTasks(tasks, "cascade");
  const hidden = options.hidden ?? [32];
  const towerHidden = options.towerHidden ?? [16];
  const feed = options.feed ?? "prediction";
  const detach = options.detach ?? false;
  const activation = options.activation ?? "relu";
  const { rng, seed } = modelRng(options.seed);
  const trunk = denseStack({
    inputSize: inputShape.reduce((a, b) => a * b, 1),
    sizes: hidden,
    activation,
    rng,
    name: "cascade/trunk",
  });
  const towers = tasks.map((task, k) => {
    const inputSize = trunk.outputSize + (k === 0 ? 0 : outputWidth(tasks[k - 1]));
    return taskTower({ task, inputSize, hidden: towerHidden, activation, rng, name: `cascade/${task.name}` });
  });
  const feedOf = (k: number, raw: tf.Tensor): tf.Tensor => {
    const value = feed === "raw" ? raw : activateOutputs([tasks[k]], { [tasks[k].name]: raw })[tasks[k].name];
    return detach ? stopGradient(value) : value;
  };
  const chain = (h: tf.Tensor, given: readonly tf.Tensor[]) => runChain(tasks, towers, h, given, feedOf);
  const last = tasks.length - 1;
  const chained = (k: number) => !detach && k < last;
  const input = options.inputName ?? "x";
  const hWidth = trunk.outputSize;
  const rawWidths = tasks.slice(0, last).map((task) => outputWidth(task));
  const taskVariables: Record<string, readonly tf.Variable[]> = {};
  tasks.forEach((task, k) => (taskVariables[task.name] = chained(k) ? [] : towers[k].variables));
  return multiTaskModel({
    name: "cascade",
    tasks,
    inputName: input,
    inputShape,
    forward: (x) => chain(trunk.apply(flattenBatch(x)), []).outputs,
    representation: (x) => {
      const h = trunk.apply(flattenBatch(x));
      if (detach || last === 0) return h;
      const { raws } = chain(h, []);
      return tf.concat([h, ...raws.slice(0, last)], 1);
    },
    heads: (z) => {
      if (detach || last === 0) return chain(z, []).outputs;
      const [h, ...raws] = splitColumns(z, [hWidth, ...rawWidths]);
      return chain(h as tf.Tensor, raws).outputs;
    },
    sharedVariables: [...trunk.variables, ...towers.flatMap((tower, k) => (chained(k) ? tower.variables : []))],
    taskVariables,
    inspect: (x) => chain(trunk.apply(flattenBatch(x)), []).feeds,
    config: { tasks, inputShape, inputName: input, hidden, towerHidden, feed, detach, activation, seed },
  });
}

/** Runs the towers in order; `given` supplies the raw outputs of the first tasks (from a representation). */
function runChain(
  tasks: readonly TaskSpec[],
  towers: readonly TaskTower[],
  h: tf.Tensor,
  given: readonly tf.Tensor[],
  feedOf: (k: number, raw: tf.Tensor) => tf.Tensor,
): { outputs: NamedTensors; raws: tf.Tensor[]; feeds: NamedTensors } {
  const outputs: NamedTensors = {};
  const feeds: NamedTensors = {};
  const raws: tf.Tensor[] = [];
  tasks.forEach((task, k) => {
    let towerInput = h;
    if (k > 0) {
      feeds[`feed/${task.name}`] = feedOf(k - 1, raws[k - 1]);
      towerInput = tf.concat([h, feeds[`feed/${task.name}`]], 1);
    }
    raws.push(given[k] ?? towers[k].apply(towerInput));
    outputs[task.name] = raws[k];
  });
  return { outputs, raws, feeds };
}
