import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import type { MultiTaskModel, NamedTensors } from "./types";
import type { ActivationName } from "./parts/activation";
import { multiTaskModel } from "./multi-task-model";
import { checkTasks } from "./parts/check-tasks";
import { couplingPenalty, stackLayer, type Coupling } from "./parts/coupling-penalty";
import { denseLayer } from "./parts/dense-layer";
import { flattenBatch } from "./parts/flatten-batch";
import { denseStack } from "./parts/dense-stack";
import { modelRng } from "./parts/model-rng";
import { singularValues } from "./parts/singular-values";
import { outputWidth } from "../tasks/output-shape";
import { checkOptions, optionNames } from "../check-options";

/** Options of {@link softSharing}. */
export interface SoftSharingOptions {
  tasks: readonly TaskSpec[];
  /** Shape of one sample of the input, e.g. [16] or [28, 28, 1] (flattened). */
  inputShape: readonly number[];
  /** Name of the input in a batch. Default "x". */
  inputName?: string;
  /** Widths of each tower's hidden layers; these are the coupled layers. Default [32, 32]. */
  hidden?: readonly number[];
  /** Hidden activation. Default "relu". */
  activation?: ActivationName;
  /**
   * Batch normalisation before each hidden activation of every tower (Ioffe & Szegedy 2015); its γ and β
   * belong to the task and are not coupled. Default false.
   */
  batchNorm?: boolean;
  /** "l2" (Duong et al. 2015) or "traceNorm" (Yang & Hospedales 2017). Default "l2". */
  coupling?: Coupling;
  /** Strength λ of the coupling penalty λ·Σ_layers R(W_layer). Default 0.01. */
  lambda?: number;
  /** Weight-initialisation seed. Default: drawn from `Math.random` (fixed by `setSeed`). */
  seed?: number;
}

const optionList = optionNames<SoftSharingOptions>({
  tasks: true,
  inputShape: true,
  inputName: true,
  hidden: true,
  activation: true,
  batchNorm: true,
  coupling: true,
  lambda: true,
  seed: true,
});

/**
 * Soft parameter sharing: one tower per task (hidden layers + head), no shared variables, and a
 * coupling penalty λ·Σ_l R(W_l) over each hidden layer's stacked T×P parameters — the
 * task-to-task regularisation min Σ_t L_t(θ_t) + λ R(θ_1…θ_T). `penalty()` returns that term
 * (the trainer adds it to the loss). `inspect()` returns, per hidden layer l, the distance between
 * towers √(Σ_{s<t} ‖w_s − w_t‖²) as "distance/<l>" and the singular values of the stacked T×P
 * parameters as "singularValues/<l>" ([T], descending). As λ → ∞, "l2" ties the towers (hard
 * sharing); "traceNorm" instead drives each stack to low rank — parallel towers, σ_2/σ_1 → 0 —
 * and shrinks them towards zero, so it does not make them equal.
 * Heads are not coupled (tasks may differ in width). No `representation`: there is no shared one.
 *
 * Gradient-based weighting (MGDA, PCGrad, …) is refused by the trainer with error
 * "no-shared-variables", and that is deliberate: those methods combine the task gradients on the
 * *shared* parameters, and each task's own parameters get that task's plain gradient. Here every
 * parameter belongs to one task (the towers interact only through the penalty, which is not a
 * task loss), so the combination would act on nothing and the run would silently equal equal
 * weighting. Use a loss-based weighting (equal, staticWeights, uncertainty, dwa, rlw, …), which
 * does rescale each tower's loss; or, for a gradient method, an architecture whose towers
 * exchange features (crossStitch, mmoe, hardSharing).
 *
 * @example
 * const model = softSharing({ tasks: [{ name: "a", kind: "regression" }, { name: "b", kind: "binary" }],
 *   inputShape: [4], coupling: "traceNorm", lambda: 0.1, seed: 1 });
 * model.forward({ x: tf.ones([8, 4]) }, { training: true }).b.shape; // [8, 1]
 * model.penalty!().dataSync()[0]; // > 0: the towers start apart
 * model.inspect!({ x: tf.ones([1, 4]) })["singularValues/0"].shape; // [2]
 */
export function softSharing(options: SoftSharingOptions): MultiTaskModel {
  checkOptions("softSharing", options, optionList);
  const { tasks, inputShape } = options;
  const input = options.inputName ?? "x";
  const hidden = options.hidden ?? [32, 32];
  const activation = options.activation ?? "relu";
  const batchNorm = options.batchNorm ?? false;
  const coupling = options.coupling ?? "l2";
  const lambda = options.lambda ?? 0.01;
  checkTasks(tasks, "softSharing");
  checkLambda(lambda);
  const { rng, seed } = modelRng(options.seed);
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  const towers = tasks.map((task) =>
    denseStack({ inputSize, sizes: hidden, activation, batchNorm, rng, name: `soft/${task.name}` }),
  );
  const heads = tasks.map((task, t) =>
    denseLayer({ inputSize: towers[t].outputSize, units: outputWidth(task), rng, name: `soft/${task.name}/head` }),
  );
  const layerGroups = hidden.map((_, l) => towers.map((tower) => tower.layers[l].variables));
  const taskVariables: Record<string, tf.Variable[]> = {};
  tasks.forEach((task, t) => (taskVariables[task.name] = [...towers[t].variables, ...heads[t].variables]));
  return multiTaskModel({
    name: "softSharing",
    tasks,
    inputName: input,
    inputShape,
    forward: (x, forward) => {
      const flat = flattenBatch(x);
      const out: NamedTensors = {};
      tasks.forEach((task, t) => (out[task.name] = heads[t].apply(towers[t].apply(flat, forward))));
      return out;
    },
    sharedVariables: [],
    taskVariables,
    stateVariables: towers.flatMap((tower) => tower.stateVariables),
    penalty: () => {
      const terms = layerGroups.map((group) => couplingPenalty(stackLayer(group), coupling));
      return tf.mul(lambda, terms.length === 0 ? tf.scalar(0) : tf.addN(terms)) as tf.Scalar;
    },
    inspect: () => {
      const out: NamedTensors = {};
      layerGroups.forEach((group, l) => {
        const stacked = stackLayer(group);
        out[`distance/${l}`] = tf.sqrt(couplingPenalty(stacked, "l2"));
        out[`singularValues/${l}`] = singularValues(stacked);
      });
      return out;
    },
    config: { tasks, inputShape, inputName: input, hidden, activation, batchNorm, coupling, lambda, seed },
  });
}

function checkLambda(lambda: number): void {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw mtlError({
      code: "invalid-lambda",
      message: `softSharing lambda must be a finite number ≥ 0 but is ${lambda}`,
      fix: "use 0 for independent towers and a large value (e.g. 10) to tie them",
    });
  }
}
