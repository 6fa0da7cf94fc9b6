import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import type { TaskSpec } from "../../tasks/types";
import type { ActivationName } from "./activation";
import type { AttentionTrunk } from "./attention-trunk";
import { denseLayer, type DenseLayer } from "./dense-layer";
import { flattenBatch } from "./flatten-batch";
import { taskTower } from "./task-tower";

/** One task's attention modules over the trunk's blocks, and its tower. */
export interface AttentionBranch {
  readonly variables: readonly tf.Variable[];
  /** The task's raw output and its masks a^(j), one per block, shaped like p^(j). */
  apply(features: readonly tf.Tensor[]): { output: tf.Tensor; masks: tf.Tensor[] };
}

/** Options of {@link attentionBranch}. */
export interface AttentionBranchOptions {
  task: TaskSpec;
  trunk: AttentionTrunk;
  towerHidden: readonly number[];
  activation: ActivationName;
  rng: Rng;
  name: string;
}

/** A dense layer on the last axis of a tensor of any rank (a 1×1 convolution on [B, H, W, C]). */
function onLastAxis(layer: DenseLayer, x: tf.Tensor): tf.Tensor {
  const shape = x.shape;
  const flat = tf.reshape(x, [-1, shape[shape.length - 1] as number]);
  return tf.reshape(layer.apply(flat), [...shape.slice(0, -1), layer.units]);
}

/**
 * A task's soft-attention branch (Liu et al. 2019, MTAN, §3.2, eqs. 1–2, simplified): at block j,
 * a^(j) = sigmoid(h(relu(g([p^(j); f(â^(j−1))])))) and â^(j) = a^(j) ⊙ p^(j), with g, h dense
 * (1×1 convs on images) and f the trunk's downsampling; the tower reads â^(L).
 *
 * @example
 * const rng = createRng(1);
 * const trunkOptions = { kind: "dense", inputShape: [4], widths: [8, 8], kernelSize: 3, activation: "relu" };
 * const trunk = attentionTrunk({ ...trunkOptions, rng, name: "t" });
 * const task = { name: "a", kind: "regression" };
 * const branch = attentionBranch({ task, trunk, towerHidden: [4], activation: "relu", rng, name: "att" });
 * const { output, masks } = branch.apply(trunk.features(tf.ones([2, 4])));
 * output.shape; // → [2, 1]
 * masks.map((mask) => mask.shape); // → [[2, 8], [2, 8]]
 */
export function attentionBranch(options: AttentionBranchOptions): AttentionBranch {
  const { trunk, rng } = options;
  const channels = trunk.featureShapes.map((shape) => shape[shape.length - 1] as number);
  const modules = channels.map((width, j) => {
    const inputSize = j === 0 ? width : width + (channels[j - 1] as number);
    const g = denseLayer({ inputSize, units: width, activation: "relu", rng, name: `${options.name}/g${j}` });
    const h = denseLayer({ inputSize: width, units: width, activation: "sigmoid", rng, name: `${options.name}/h${j}` });
    return { g, h };
  });
  const last = trunk.featureShapes[trunk.featureShapes.length - 1] as readonly number[];
  const tower = taskTower({
    task: options.task,
    inputSize: last.reduce((a, b) => a * b, 1),
    hidden: options.towerHidden,
    activation: options.activation,
    rng,
    name: `${options.name}/tower`,
  });
  return {
    variables: [...modules.flatMap(({ g, h }) => [...g.variables, ...h.variables]), ...tower.variables],
    apply: (features) => {
      const masks: tf.Tensor[] = [];
      let attended: tf.Tensor | undefined;
      modules.forEach(({ g, h }, j) => {
        const p = features[j] as tf.Tensor;
        const input = attended === undefined ? p : tf.concat([p, trunk.downsample(attended)], -1);
        const mask = onLastAxis(h, onLastAxis(g, input));
        masks.push(mask);
        attended = tf.mul(mask, p);
      });
      return { output: tower.apply(flattenBatch(attended as tf.Tensor)), masks };
    },
  };
}
