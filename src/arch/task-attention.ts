import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import type { MultiTaskModel, NamedTensors } from "./types";
import type { ActivationName } from "./parts/activation";
import { splitColumns } from "./parts/split-columns";
import { multiTaskModel } from "./multi-task-model";
import { attentionBranch } from "./parts/attention-branch";
import { attentionTrunk } from "./parts/attention-trunk";
import { checkTasks } from "./parts/check-tasks";
import { flattenBatch } from "./parts/flatten-batch";
import { modelRng } from "./parts/model-rng";
import { checkOptions, optionNames } from "../check-options";

/** Options of {@link taskAttention}. */
export interface TaskAttentionOptions {
  tasks: readonly TaskSpec[];
  /** Shape of one sample: [H, W, C] for a conv trunk, anything (flattened) for a dense one. */
  inputShape: readonly number[];
  /** Name of the input in a batch. Default "x". */
  inputName?: string;
  /** "conv" (3×3 conv + 2×2 max-pool blocks) or "dense". Default "conv" for [H, W, C] inputs, else "dense". */
  trunk?: "dense" | "conv";
  /** Width (dense) or filters (conv) of each trunk block. Default [32, 32] dense, [8, 16] conv. */
  widths?: readonly number[];
  /** Conv kernel size. Default 3. */
  kernelSize?: number;
  /** Widths of each task tower's hidden layers before its linear head. Default [16]. */
  towerHidden?: readonly number[];
  /** Hidden activation. Default "relu". */
  activation?: ActivationName;
  /** Weight-initialisation seed. Default: drawn from `Math.random` (fixed by `setSeed`). */
  seed?: number;
}

const optionList = optionNames<TaskAttentionOptions>({
  tasks: true,
  inputShape: true,
  inputName: true,
  trunk: true,
  widths: true,
  kernelSize: true,
  towerHidden: true,
  activation: true,
  seed: true,
});

/**
 * Task attention, MTAN-style (Liu et al. 2019, §3.2): one shared trunk and, per task, soft
 * attention masks a^(j) ∈ (0, 1) (sigmoid) over every trunk block's features p^(j),
 * â^(j) = a^(j) ⊙ p^(j), each mask computed from p^(j) and the task's previous attended features;
 * a task tower reads the last â. The trunk is shared; attention modules and towers are per task.
 * `representation` is every block's features flattened and concatenated, [B, Σ_j |p^(j)|];
 * `inspect()` gives the masks as "mask/<task>/<block>", shaped like the features.
 *
 * @example
 * const model = taskAttention({ tasks: [{ name: "left", kind: "classification", classes: 10 },
 *   { name: "right", kind: "classification", classes: 10 }], inputShape: [36, 36, 1], seed: 1 });
 * model.inspect!({ x: tf.zeros([2, 36, 36, 1]) })["mask/left/0"].shape; // [2, 18, 18, 8]
 */
export function taskAttention(options: TaskAttentionOptions): MultiTaskModel {
  checkOptions("taskAttention", options, optionList);
  const { tasks, inputShape } = options;
  checkTasks(tasks, "taskAttention");
  const kind = options.trunk ?? (inputShape.length === 3 ? "conv" : "dense");
  checkConvShape(kind, inputShape);
  const widths = options.widths ?? (kind === "conv" ? [8, 16] : [32, 32]);
  const kernelSize = options.kernelSize ?? 3;
  const towerHidden = options.towerHidden ?? [16];
  const activation = options.activation ?? "relu";
  const { rng, seed } = modelRng(options.seed);
  const trunk = attentionTrunk({ kind, inputShape, widths, kernelSize, activation, rng, name: "mtan/trunk" });
  const branches = tasks.map((task) =>
    attentionBranch({ task, trunk, towerHidden, activation, rng, name: `mtan/${task.name}` }),
  );
  const sizes = trunk.featureShapes.map((shape) => shape.reduce((a, b) => a * b, 1));
  const unpack = (z: tf.Tensor): tf.Tensor[] =>
    splitColumns(z, sizes).map((part, j) => tf.reshape(part, [z.shape[0] as number, ...trunk.featureShapes[j]]));
  const heads = (features: readonly tf.Tensor[]): NamedTensors => {
    const out: NamedTensors = {};
    tasks.forEach((task, t) => (out[task.name] = branches[t].apply(features).output));
    return out;
  };
  const taskVariables: Record<string, readonly tf.Variable[]> = {};
  tasks.forEach((task, t) => (taskVariables[task.name] = branches[t].variables));
  const input = options.inputName ?? "x";
  return multiTaskModel({
    name: "taskAttention",
    tasks,
    inputName: input,
    inputShape,
    forward: (x) => heads(trunk.features(x)),
    representation: (x) =>
      tf.concat(
        trunk.features(x).map((p) => flattenBatch(p)),
        1,
      ),
    heads: (z) => heads(unpack(z)),
    sharedVariables: trunk.variables,
    taskVariables,
    inspect: (x) => {
      const features = trunk.features(x);
      const out: NamedTensors = {};
      tasks.forEach((task, t) =>
        branches[t].apply(features).masks.forEach((mask, j) => (out[`mask/${task.name}/${j}`] = mask)),
      );
      return out;
    },
    config: { tasks, inputShape, inputName: input, trunk: kind, widths, kernelSize, towerHidden, activation, seed },
  });
}

function checkConvShape(kind: "dense" | "conv", inputShape: readonly number[]): void {
  if (kind === "conv" && inputShape.length !== 3) {
    throw mtlError({
      code: "input-shape-mismatch",
      message: `taskAttention with a conv trunk needs inputShape [H, W, C] but got [${inputShape.join(", ")}]`,
      fix: 'reshape the images to [H, W, C] or use trunk: "dense"',
    });
  }
}
