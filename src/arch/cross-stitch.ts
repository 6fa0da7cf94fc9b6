import * as tf from "@tensorflow/tfjs-core";
import type { TaskSpec } from "../tasks/types";
import type { MultiTaskModel, NamedTensors } from "./types";
import type { ActivationName } from "./parts/activation";
import { multiTaskModel } from "./multi-task-model";
import { checkTasks } from "./parts/check-tasks";
import { denseLayer } from "./parts/dense-layer";
import { flattenBatch } from "./parts/flatten-batch";
import { denseStack } from "./parts/dense-stack";
import { modelRng } from "./parts/model-rng";
import { outputWidth } from "../tasks/output-shape";
import { stitch } from "./parts/stitch";
import { uniqueName } from "./parts/unique-name";
import { checkOptions, optionNames } from "../check-options";

/** Options of {@link crossStitch}. */
export interface CrossStitchOptions {
  tasks: readonly TaskSpec[];
  /** Shape of one sample of the input (flattened). */
  inputShape: readonly number[];
  /** Name of the input in a batch. Default "x". */
  inputName?: string;
  /** Widths of each tower's hidden layers; a cross-stitch unit follows each. Default [32, 32]. */
  hidden?: readonly number[];
  /** Hidden activation. Default "relu". */
  activation?: ActivationName;
  /**
   * Initial α_S, the weight a tower keeps of its own activation. Default 0.9 (with α_D = 0.1, the paper's choice for
   * two tasks).
   */
  alphaSame?: number;
  /** Initial α_D of each other tower. Default (1 − α_S)/(T − 1), so rows sum to one. */
  alphaDifferent?: number;
  /** Weight-initialisation seed. Default: drawn from `Math.random` (fixed by `setSeed`). */
  seed?: number;
}

const optionList = optionNames<CrossStitchOptions>({
  tasks: true,
  inputShape: true,
  inputName: true,
  hidden: true,
  activation: true,
  alphaSame: true,
  alphaDifferent: true,
  seed: true,
});

/**
 * Cross-stitch networks (Misra et al. 2016): one tower per task, and after every hidden layer a
 * learned T×T unit mixing the towers' activations, x̃_t = Σ_s α_ts x_s (eq. 1), initialised to
 * α_S on the diagonal and α_D elsewhere. `inspect()` returns the coefficients as "stitch/<layer>"
 * (T×T, row t = what tower t takes from each tower). Through the stitches every task's loss reaches
 * every tower, so towers and stitches are `sharedVariables`; only the linear heads are per task.
 * The paper trains α with a much larger learning rate than the towers: use a per-group learning rate.
 *
 * @example
 * const model = crossStitch({ tasks: [{ name: "a", kind: "regression" }, { name: "b", kind: "regression" }],
 *   inputShape: [4], seed: 1 });
 * model.inspect!({ x: tf.ones([1, 4]) })["stitch/0"].arraySync(); // [[0.9, 0.1], [0.1, 0.9]]
 */
export function crossStitch(options: CrossStitchOptions): MultiTaskModel {
  checkOptions("crossStitch", options, optionList);
  const { tasks, inputShape } = options;
  const input = options.inputName ?? "x";
  const hidden = options.hidden ?? [32, 32];
  const activation = options.activation ?? "relu";
  checkTasks(tasks, "crossStitch");
  const count = tasks.length;
  const alphaSame = options.alphaSame ?? 0.9;
  const alphaDifferent = options.alphaDifferent ?? (count > 1 ? (1 - alphaSame) / (count - 1) : 0);
  const { rng, seed } = modelRng(options.seed);
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  const towers = tasks.map((task) =>
    denseStack({ inputSize, sizes: hidden, activation, rng, name: `stitch/${task.name}` }),
  );
  const units = hidden.map((_, l) => stitchVariable(count, alphaSame, alphaDifferent, `crossStitch/alpha${l}`));
  const heads = tasks.map((task, t) =>
    denseLayer({ inputSize: towers[t].outputSize, units: outputWidth(task), rng, name: `stitch/${task.name}/head` }),
  );
  const taskVariables: Record<string, tf.Variable[]> = {};
  tasks.forEach((task, t) => (taskVariables[task.name] = [...heads[t].variables]));
  return multiTaskModel({
    name: "crossStitch",
    tasks,
    inputName: input,
    inputShape,
    forward: (x) => {
      const flat = flattenBatch(x);
      let activations: tf.Tensor[] = tasks.map(() => flat);
      hidden.forEach((_, l) => {
        const next = activations.map((h, t) => towers[t].layers[l].apply(h));
        activations = stitch(next, units[l]);
      });
      const out: NamedTensors = {};
      tasks.forEach((task, t) => (out[task.name] = heads[t].apply(activations[t])));
      return out;
    },
    sharedVariables: [...towers.flatMap((tower) => tower.variables), ...units],
    taskVariables,
    inspect: () => {
      const out: NamedTensors = {};
      units.forEach((alpha, l) => (out[`stitch/${l}`] = tf.clone(alpha)));
      return out;
    },
    config: { tasks, inputShape, inputName: input, hidden, activation, alphaSame, alphaDifferent, seed },
  });
}

function stitchVariable(count: number, same: number, different: number, name: string): tf.Variable {
  const values = new Float32Array(count * count).fill(different);
  for (let t = 0; t < count; t++) values[t * count + t] = same;
  return tf.tidy(() => tf.variable(tf.tensor2d(values, [count, count]), true, uniqueName(name)));
}
