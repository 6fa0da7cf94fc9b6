import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../../errors";
import type { TaskSpec } from "../../tasks/types";
import type { ForwardOptions, MultiTaskModel, NamedTensors } from "../types";
import type { ActivationName } from "./activation";
import { multiTaskModel } from "../multi-task-model";
import { checkTasks } from "./check-tasks";
import { extractionLevel, type ExtractionLevel } from "./extraction-level";
import { flattenBatch } from "./flatten-batch";
import { modelRng } from "./model-rng";
import { taskTower, type TaskTower } from "./task-tower";
import { checkOptions, optionNames } from "../../check-options";

/** Options of `cgc` and `ple`. */
export interface ProgressiveExtractionOptions {
  tasks: readonly TaskSpec[];
  /** Shape of one sample of the input (flattened). */
  inputShape: readonly number[];
  /** Name of the input in a batch. Default "x". */
  inputName?: string;
  /** m_s, shared experts per level. Default 2. */
  sharedExperts?: number;
  /** m_t, experts per task per level. Default 1. */
  taskExperts?: number;
  /** Widths of each expert's layers; the last is the expert output width. Default [16]. */
  expertHidden?: readonly number[];
  /** Widths of each task tower's hidden layers before its linear head. Default [8]. */
  towerHidden?: readonly number[];
  /** Number of extraction levels (PLE only; CGC is one level). Default 2. */
  levels?: number;
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

const optionList = optionNames<ProgressiveExtractionOptions>({
  tasks: true,
  inputShape: true,
  inputName: true,
  sharedExperts: true,
  taskExperts: true,
  expertHidden: true,
  towerHidden: true,
  levels: true,
  activation: true,
  batchNorm: true,
  seed: true,
});

interface Pass {
  outputs: NamedTensors;
  gates: NamedTensors;
}

/**
 * Builds CGC (one level) or PLE (L levels, Tang et al. 2020 eqs. 1–6). Ownership follows which
 * losses reach each variable: task k's experts at levels < L feed the shared gate, so every task
 * reaches them; task k's own variables are its tower, its level-L experts and gate, and its
 * level-(L−1) gate. With one level, `representation` is the shared experts' outputs [B, m_s, d].
 *
 * @example
 * const tasks = [{ name: "a", kind: "binary" }, { name: "b", kind: "regression" }];
 * const model = progressiveExtraction({ tasks, inputShape: [8], levels: 2, seed: 1 }, "ple");
 * const outputs = model.forward({ x: tf.ones([3, 8]) }, { training: false });
 * outputs.a.shape; // → [3, 1]
 * model.dispose();
 */
export function progressiveExtraction(options: ProgressiveExtractionOptions, name: "cgc" | "ple"): MultiTaskModel {
  checkOptions(name, options, name === "cgc" ? optionList.filter((option) => option !== "levels") : optionList);
  const { tasks, inputShape } = options;
  checkTasks(tasks, name);
  const sharedExperts = options.sharedExperts ?? 2;
  const taskExperts = options.taskExperts ?? 1;
  const levelCount = name === "cgc" ? 1 : (options.levels ?? 2);
  checkCounts(name, sharedExperts, taskExperts, levelCount);
  const activation = options.activation ?? "relu";
  const batchNorm = options.batchNorm ?? false;
  const expertHidden = options.expertHidden ?? [16];
  const towerHidden = options.towerHidden ?? [8];
  const { rng, seed } = modelRng(options.seed);
  const levels: ExtractionLevel[] = [];
  let inputSize = inputShape.reduce((a, b) => a * b, 1);
  for (let j = 0; j < levelCount; j++) {
    const withSharedGate = j < levelCount - 1;
    levels.push(
      extractionLevel({
        taskCount: tasks.length,
        inputSize,
        taskExperts,
        sharedExperts,
        expertHidden,
        activation,
        batchNorm,
        withSharedGate,
        rng,
        name: `${name}/level${j}`,
      }),
    );
    inputSize = levels[j].outputSize;
  }
  const towers = tasks.map((task) =>
    taskTower({ task, inputSize, hidden: towerHidden, activation, batchNorm, rng, name: `${name}/${task.name}` }),
  );
  const run = (x: tf.Tensor, forward: ForwardOptions, sharedFirst?: tf.Tensor): Pass =>
    runLevels({ levels, tasks, towers, forward }, flattenBatch(x), sharedFirst);
  const input = options.inputName ?? "x";
  const single = levelCount === 1;
  return multiTaskModel({
    name,
    tasks,
    inputName: input,
    inputShape,
    forward: (x, forward) => run(x, forward).outputs,
    representation: single ? (x, forward) => levels[0].sharedExperts.apply(flattenBatch(x), forward) : undefined,
    heads: single ? (z, forward, x) => run(x as tf.Tensor, forward, z).outputs : undefined,
    headsReadInput: single,
    ...ownership(levels, tasks, towers),
    stateVariables: [
      ...levels.flatMap((level) => [...level.taskExperts, level.sharedExperts].flatMap((bank) => bank.stateVariables)),
      ...towers.flatMap((tower) => tower.stateVariables),
    ],
    inspect: (x) => run(x, { training: false }).gates,
    config: {
      tasks,
      inputShape,
      inputName: input,
      sharedExperts,
      taskExperts,
      levels: levelCount,
      expertHidden,
      towerHidden,
      activation,
      batchNorm,
      seed,
    },
  });
}

/** What {@link runLevels} runs: the levels, the towers, and the pass's options. */
interface Network {
  levels: readonly ExtractionLevel[];
  tasks: readonly TaskSpec[];
  towers: readonly TaskTower[];
  forward: ForwardOptions;
}

/** Runs every level; `sharedFirst` replaces the first level's shared-expert outputs (CGC's heads). */
function runLevels(network: Network, x: tf.Tensor2D, sharedFirst?: tf.Tensor): Pass {
  const { levels, tasks, towers, forward } = network;
  const gates: NamedTensors = {};
  let taskInputs: tf.Tensor[] = tasks.map(() => x);
  let sharedInput: tf.Tensor = x;
  levels.forEach((level, j) => {
    const sharedOut = j === 0 && sharedFirst ? sharedFirst : level.sharedExperts.apply(sharedInput, forward);
    const taskOuts = level.taskExperts.map((bank, k) => bank.apply(taskInputs[k], forward));
    const mixes = tasks.map((task, k) => level.taskMix(k, taskInputs[k], taskOuts[k], sharedOut));
    mixes.forEach((mix, k) => (gates[`gate/${tasks[k].name}/${j}`] = mix.gate));
    if (level.sharedGate) {
      const shared = level.sharedMix(sharedInput, taskOuts, sharedOut);
      gates[`gate/shared/${j}`] = shared.gate;
      sharedInput = shared.output;
    }
    taskInputs = mixes.map((mix) => mix.output);
  });
  const outputs: NamedTensors = {};
  tasks.forEach((task, k) => (outputs[task.name] = towers[k].apply(taskInputs[k], forward)));
  return { outputs, gates };
}

function ownership(
  levels: readonly ExtractionLevel[],
  tasks: readonly TaskSpec[],
  towers: readonly { variables: readonly tf.Variable[] }[],
) {
  const last = levels.length - 1;
  const taskVariables: Record<string, tf.Variable[]> = {};
  const sharedVariables: tf.Variable[] = [];
  tasks.forEach((task, k) => {
    const own = [
      ...towers[k].variables,
      ...levels[last].taskExperts[k].variables,
      ...levels[last].taskGates[k].variables,
    ];
    if (last >= 1) own.push(...levels[last - 1].taskGates[k].variables);
    taskVariables[task.name] = own;
  });
  levels.forEach((level, j) => {
    sharedVariables.push(...level.sharedExperts.variables, ...(level.sharedGate?.variables ?? []));
    if (j < last) sharedVariables.push(...level.taskExperts.flatMap((bank) => bank.variables));
    if (j < last - 1) sharedVariables.push(...level.taskGates.flatMap((gate) => gate.variables));
  });
  return { sharedVariables, taskVariables };
}

function checkCounts(name: string, sharedExperts: number, taskExperts: number, levels: number): void {
  const bad = [
    ["sharedExperts", sharedExperts],
    ["taskExperts", taskExperts],
    ["levels", levels],
  ].find(([, n]) => !Number.isInteger(n) || (n as number) < 1);
  if (bad) {
    throw mtlError({
      code: "invalid-expert-count",
      message: `${name} option ${bad[0]} must be an integer ≥ 1 but is ${bad[1]}`,
      fix: "use e.g. sharedExperts: 2, taskExperts: 1, levels: 2",
    });
  }
}
