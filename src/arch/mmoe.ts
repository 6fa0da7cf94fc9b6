import * as tf from "@tensorflow/tfjs-core";
import type { TaskSpec } from "../tasks/types";
import type { ForwardOptions, MultiTaskModel, NamedTensors } from "./types";
import type { ActivationName } from "./parts/activation";
import { multiTaskModel } from "./multi-task-model";
import { checkTasks } from "./parts/check-tasks";
import { expertBank } from "./parts/expert-bank";
import { flattenBatch } from "./parts/flatten-batch";
import { gateBank } from "./parts/gate-bank";
import { mixExperts } from "./parts/mix-experts";
import { modelRng } from "./parts/model-rng";
import { softmaxGate } from "./parts/softmax-gate";
import { taskTower } from "./parts/task-tower";
import { checkOptions, optionNames } from "../check-options";

/** Options of {@link mmoe} and {@link omoe}. */
export interface MixtureOfExpertsOptions {
  tasks: readonly TaskSpec[];
  /** Shape of one sample of the input (flattened). */
  inputShape: readonly number[];
  /** Name of the input in a batch. Default "x". */
  inputName?: string;
  /** Number of experts E. Default 4. */
  experts?: number;
  /** Widths of each expert's layers; the last is the expert output width d. Default [16]. */
  expertHidden?: readonly number[];
  /** Widths of each task tower's hidden layers before its linear head. Default [8]. */
  towerHidden?: readonly number[];
  /** Hidden activation. Default "relu". */
  activation?: ActivationName;
  /**
   * Batch normalisation before each hidden activation of the experts and towers (Ioffe & Szegedy 2015);
   * not on the gates or the towers' output layers. Default false.
   */
  batchNorm?: boolean;
  /** Weight-initialisation seed. Default: drawn from `Math.random` (fixed by `setSeed`). */
  seed?: number;
}

const optionList = optionNames<MixtureOfExpertsOptions>({
  tasks: true,
  inputShape: true,
  inputName: true,
  experts: true,
  expertHidden: true,
  towerHidden: true,
  activation: true,
  batchNorm: true,
  seed: true,
});

function resolve(options: MixtureOfExpertsOptions, name: string) {
  checkTasks(options.tasks, name);
  const { rng, seed } = modelRng(options.seed);
  const activation = options.activation ?? "relu";
  const batchNorm = options.batchNorm ?? false;
  const inputSize = options.inputShape.reduce((a, b) => a * b, 1);
  const bank = expertBank({
    count: options.experts ?? 4,
    inputSize,
    hidden: options.expertHidden ?? [16],
    activation,
    batchNorm,
    rng,
    name,
  });
  const towers = options.tasks.map((task) =>
    taskTower({
      task,
      inputSize: bank.outputSize,
      hidden: options.towerHidden ?? [8],
      activation,
      batchNorm,
      rng,
      name: `${name}/${task.name}`,
    }),
  );
  const config = {
    tasks: options.tasks,
    inputShape: options.inputShape,
    inputName: options.inputName ?? "x",
    experts: bank.count,
    expertHidden: options.expertHidden ?? [16],
    towerHidden: options.towerHidden ?? [8],
    activation,
    batchNorm,
    seed,
  };
  const stateVariables = [...bank.stateVariables, ...towers.flatMap((tower) => tower.stateVariables)];
  return { rng, inputSize, bank, towers, config, stateVariables };
}

/**
 * Multi-gate mixture-of-experts, MMoE (Ma et al. 2018, §4.3): E shared experts f_i and, per task k,
 * a softmax gate g^k(x) = softmax(W_gk x) and a tower h^k: y_k = h^k(Σ_i g^k(x)_i f_i(x)).
 * Ownership: experts are shared; each task's gate and tower are its own. `representation` is the
 * experts' outputs stacked [B, E, d]; `heads` are gates + mixtures + towers — the gates read the
 * input, so call `heads` right after `representation` on the same batch (the trainer does).
 * `inspect()` gives each task's gate weights [B, E] as "gate/<task>".
 *
 * @example
 * const model = mmoe({ tasks: [{ name: "a", kind: "binary" }, { name: "b", kind: "regression" }], inputShape: [8],
 *   experts: 3, seed: 1 });
 * tf.sum(model.inspect!({ x: tf.ones([2, 8]) })["gate/a"], 1).arraySync(); // [1, 1]
 * const normed = mmoe({ tasks: [{ name: "a", kind: "binary" }, { name: "b", kind: "regression" }], inputShape: [8],
 *   experts: 2, batchNorm: true, seed: 1 });
 * normed.stateVariables?.length; // → 8 (running mean and variance: 2 experts' layers, 2 towers' hidden layers)
 */
export function mmoe(options: MixtureOfExpertsOptions): MultiTaskModel {
  checkOptions("mmoe", options, optionList);
  const { tasks } = options;
  const { rng, inputSize, bank, towers, config, stateVariables } = resolve(options, "mmoe");
  const gates = tasks.map((task) =>
    softmaxGate({ inputSize, experts: bank.count, rng, name: `mmoe/${task.name}/gate` }),
  );
  // All gates run as one matmul + softmax [B, T, E]; all mixtures as one batched matmul [B, T, d].
  const heads = (z: tf.Tensor, x: tf.Tensor, forward: ForwardOptions): NamedTensors => {
    const mixed = tf.unstack(tf.matMul(gateBank(flattenBatch(x), gates), z as tf.Tensor3D), 1);
    const out: NamedTensors = {};
    tasks.forEach((task, k) => (out[task.name] = towers[k].apply(mixed[k]!, forward)));
    return out;
  };
  const taskVariables: Record<string, tf.Variable[]> = {};
  tasks.forEach((task, k) => (taskVariables[task.name] = [...gates[k].variables, ...towers[k].variables]));
  return multiTaskModel({
    name: "mmoe",
    tasks,
    inputName: config.inputName,
    inputShape: options.inputShape,
    forward: (x, forward) => heads(bank.apply(flattenBatch(x), forward), x, forward),
    representation: (x, forward) => bank.apply(flattenBatch(x), forward),
    heads: (z, forward, x) => heads(z, x as tf.Tensor, forward),
    headsReadInput: true,
    sharedVariables: bank.variables,
    taskVariables,
    stateVariables,
    inspect: (x) => {
      const weights = tf.unstack(gateBank(flattenBatch(x), gates), 1);
      const out: NamedTensors = {};
      tasks.forEach((task, k) => (out[`gate/${task.name}`] = weights[k]!));
      return out;
    },
    config,
  });
}

/**
 * One-gate mixture-of-experts, OMoE — the control of Ma et al. 2018 (§5): the MMoE experts with a
 * single softmax gate shared by all tasks, so every task sees the same mixture. Experts and gate
 * are shared; `representation` is the gated mixture [B, d]; `heads` are the towers.
 * `inspect()` gives the gate weights [B, E] as "gate/shared".
 *
 * @example
 * const model = omoe({ tasks: [{ name: "a", kind: "binary" }, { name: "b", kind: "regression" }], inputShape: [8],
 *   seed: 1 });
 * model.representation!({ x: tf.ones([2, 8]) }, { training: false }).shape; // [2, 16]
 */
export function omoe(options: MixtureOfExpertsOptions): MultiTaskModel {
  checkOptions("omoe", options, optionList);
  const { tasks } = options;
  const { rng, inputSize, bank, towers, config, stateVariables } = resolve(options, "omoe");
  const gate = softmaxGate({ inputSize, experts: bank.count, rng, name: "omoe/gate" });
  const represent = (x: tf.Tensor, forward: ForwardOptions): tf.Tensor => {
    const flat = flattenBatch(x);
    return mixExperts(bank.apply(flat, forward), gate.apply(flat));
  };
  const heads = (z: tf.Tensor, forward: ForwardOptions): NamedTensors => {
    const out: NamedTensors = {};
    tasks.forEach((task, k) => (out[task.name] = towers[k].apply(z, forward)));
    return out;
  };
  const taskVariables: Record<string, readonly tf.Variable[]> = {};
  tasks.forEach((task, k) => (taskVariables[task.name] = towers[k].variables));
  return multiTaskModel({
    name: "omoe",
    tasks,
    inputName: config.inputName,
    inputShape: options.inputShape,
    forward: (x, forward) => heads(represent(x, forward), forward),
    representation: represent,
    heads,
    sharedVariables: [...bank.variables, ...gate.variables],
    taskVariables,
    stateVariables,
    inspect: (x) => ({ "gate/shared": gate.apply(flattenBatch(x)) }),
    config,
  });
}
