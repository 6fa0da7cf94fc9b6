import * as tf from "@tensorflow/tfjs-core";
import type { TaskSpec } from "../tasks/types";
import type { MultiTaskModel, NamedTensors } from "./types";
import type { ActivationName } from "./parts/activation";
import { splitColumns } from "./parts/split-columns";
import { multiTaskModel } from "./multi-task-model";
import { flattenBatch } from "./parts/flatten-batch";
import { denseStack } from "./parts/dense-stack";
import { modelRng } from "./parts/model-rng";
import { productLogit } from "./parts/product-logit";
import { taskTower } from "./parts/task-tower";
import { checkOptions, optionNames } from "../check-options";

/** Options of {@link esmm}. */
export interface EsmmOptions {
  /** Shape of one sample of the input (flattened). */
  inputShape: readonly number[];
  /** Name of the input in a batch. Default "x". */
  inputName?: string;
  /**
   * Task (and target) names: click, and click-and-convert over all impressions. Default { ctr: "ctr", ctcvr: "ctcvr" }.
   */
  names?: { ctr?: string; ctcvr?: string };
  /** Widths of the shared bottom (the paper shares the embeddings). Default [32]. */
  hidden?: readonly number[];
  /** Widths of the CTR and CVR towers' hidden layers. Default [16]. */
  towerHidden?: readonly number[];
  /** Hidden activation. Default "relu". */
  activation?: ActivationName;
  /** Weight-initialisation seed. Default: drawn from `Math.random` (fixed by `setSeed`). */
  seed?: number;
}

const optionList = optionNames<EsmmOptions>({
  inputShape: true,
  inputName: true,
  names: true,
  hidden: true,
  towerHidden: true,
  activation: true,
  seed: true,
});

/**
 * Entire-space multi-task model, ESMM (Ma et al. SIGIR 2018): a shared bottom, a CTR tower and a
 * CVR tower, with pCTCVR = pCTR × pCVR. Its two tasks, both kind "binary" and both trained on
 * every impression, are `ctr` (target: clicked) and `ctcvr` (target: clicked and converted);
 * both outputs are logits — ctcvr's is logit(pCTR·pCVR), computed stably — so the trainer's
 * binary cross-entropy on logits gives the paper's loss Σ l(y, pCTR) + Σ l(y∧z, pCTR·pCVR).
 * pCVR has no loss of its own (never trained on clicked samples only, which is the selection
 * bias ESMM removes); read it from `inspect()`, which returns the probabilities "pCtr", "pCvr"
 * and "pCtcvr", each [B, 1]. The CTR tower is reached by both losses, so it is shared with the
 * bottom; the CVR tower belongs to ctcvr. `representation` is [h; CTR logit].
 *
 * @example
 * const model = esmm({ inputShape: [8], seed: 1 });
 * model.tasks.map((task) => task.name); // ["ctr", "ctcvr"]
 * model.inspect!({ x: tf.ones([2, 8]) }).pCvr.shape; // [2, 1]
 */
export function esmm(options: EsmmOptions): MultiTaskModel {
  checkOptions("esmm", options, optionList);
  const ctrName = options.names?.ctr ?? "ctr";
  const ctcvrName = options.names?.ctcvr ?? "ctcvr";
  const tasks: TaskSpec[] = [
    { name: ctrName, kind: "binary", description: "the impression was clicked (pCTR), over all impressions" },
    {
      name: ctcvrName,
      kind: "binary",
      description: "the impression was clicked and converted (pCTCVR = pCTR × pCVR), over all impressions",
    },
  ];
  const hidden = options.hidden ?? [32];
  const towerHidden = options.towerHidden ?? [16];
  const activation = options.activation ?? "relu";
  const { rng, seed } = modelRng(options.seed);
  const bottom = denseStack({
    inputSize: options.inputShape.reduce((a, b) => a * b, 1),
    sizes: hidden,
    activation,
    rng,
    name: "esmm/bottom",
  });
  const tower = (name: string) =>
    taskTower({
      task: { name, kind: "binary" },
      inputSize: bottom.outputSize,
      hidden: towerHidden,
      activation,
      rng,
      name: `esmm/${name}`,
    });
  const ctrTower = tower("ctr");
  const cvrTower = tower("cvr");
  const represent = (x: tf.Tensor): tf.Tensor => {
    const h = bottom.apply(flattenBatch(x));
    return tf.concat([h, ctrTower.apply(h)], 1);
  };
  const parts = (z: tf.Tensor) => {
    const [h, ctr] = splitColumns(z, [bottom.outputSize, 1]) as [tf.Tensor, tf.Tensor];
    return { ctr, cvr: cvrTower.apply(h) };
  };
  const heads = (z: tf.Tensor): NamedTensors => {
    const { ctr, cvr } = parts(z);
    return { [ctrName]: ctr, [ctcvrName]: productLogit(ctr, cvr) };
  };
  const input = options.inputName ?? "x";
  return multiTaskModel({
    name: "esmm",
    tasks,
    inputName: input,
    inputShape: options.inputShape,
    forward: (x) => heads(represent(x)),
    representation: represent,
    heads,
    sharedVariables: [...bottom.variables, ...ctrTower.variables],
    taskVariables: { [ctrName]: [], [ctcvrName]: cvrTower.variables },
    inspect: (x) => {
      const { ctr, cvr } = parts(represent(x));
      return { pCtr: tf.sigmoid(ctr), pCvr: tf.sigmoid(cvr), pCtcvr: tf.mul(tf.sigmoid(ctr), tf.sigmoid(cvr)) };
    },
    config: {
      inputShape: options.inputShape,
      inputName: input,
      names: { ctr: ctrName, ctcvr: ctcvrName },
      hidden,
      towerHidden,
      activation,
      seed,
    },
  });
}
