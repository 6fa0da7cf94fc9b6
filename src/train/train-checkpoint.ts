import * as tf from "@tensorflow/tfjs-core";
import { countParameters } from "../arch/count-parameters";
import { loadCheckpoint } from "../io/load-checkpoint";
import { modelTensors } from "../io/model-tensors";
import { restoreOptimizer } from "../io/restore-optimizer";
import { restoreVariables } from "../io/restore-variables";
import { restoreModel } from "../io/restore-model";
import { saveCheckpoint } from "../io/save-checkpoint";
import { resolveCheckpointDir } from "../io/write-dir-atomic";
import type { EarlyStoppingState } from "./early-stopping";
import type { Run } from "./prepare-run";
import type { History } from "./types";
import { methodState } from "./method-state";

/** The trainer's position, saved in a checkpoint's state. */
export interface TrainState {
  /** The next epoch to run. */
  epoch: number;
  step: number;
  finished: boolean;
  early: EarlyStoppingState;
  history: History;
  /** The weighting method's explicit state, when it has one (see `methodState`). */
  weighting?: ReturnType<typeof methodState>;
}

/**
 * Saves the run at an epoch boundary: weights, weighting variables, each group's optimizer state,
 * the early-stopping snapshot, and the trainer's state (every random draw is a function of seed,
 * epoch and step, so this is all a resume needs).
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const run = prepareRun(model, data, { epochs: 1 });
 * const dir = `${require("node:os").tmpdir()}/save-training`;
 * const early = { bestValue: null, bestEpoch: -1, wait: 0 };
 * await saveTraining(run, dir, { epoch: 1, step: 3, finished: false, early, history: run.history });
 * (await resumeTraining(run, dir))?.state.step; // → 3
 * model.dispose();
 */
export async function saveTraining(
  run: Run,
  dir: string,
  state: TrainState,
  best?: readonly tf.Tensor[],
): Promise<void> {
  const tensors = modelTensors(run.model);
  const weighting = run.groups.find((group) => group.name === "weighting");
  if (weighting) tensors.weighting = weighting.variables.map((v) => ({ name: v.name, tensor: v }));
  if (best) tensors.best = best.map((tensor, i) => ({ name: `best/${i}`, tensor }));
  const optimizers = Object.fromEntries(run.groups.map((group) => [group.name, group.optimizer]));
  const description = {
    name: run.model.name,
    config: run.model.config,
    tasks: run.tasks,
    parameters: countParameters(run.model),
    weighting: run.weighting.name,
  };
  const weightingState = methodState(run.weighting);
  const saved = weightingState === undefined ? state : { ...state, weighting: weightingState };
  await saveCheckpoint(dir, { description, tensors, optimizers, state: saved }, { overwrite: true });
}

/**
 * Restores a run from the checkpoint in `dir`, if there is one: weights, weighting variables,
 * optimizer states; returns the trainer state and a copy of the early-stopping snapshot.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const run = prepareRun(model, data, { epochs: 1 });
 * const dir = `${require("node:os").tmpdir()}/resume-training`;
 * await resumeTraining(run, dir); // → undefined
 * const early = { bestValue: null, bestEpoch: -1, wait: 0 };
 * await saveTraining(run, dir, { epoch: 1, step: 3, finished: false, early, history: run.history });
 * (await resumeTraining(run, dir))?.state.epoch; // → 1
 * model.dispose();
 */
export async function resumeTraining(
  run: Run,
  dir: string,
): Promise<{ state: TrainState; best?: tf.Tensor[] } | undefined> {
  if (resolveCheckpointDir(dir) === undefined) return undefined;
  const checkpoint = loadCheckpoint(dir);
  try {
    restoreModel(run.model, checkpoint);
    const weighting = run.groups.find((group) => group.name === "weighting");
    if (weighting) restoreVariables(weighting.variables, checkpoint, "weighting");
    for (const group of run.groups) await restoreOptimizer(group.optimizer, checkpoint, group.name);
    const best = checkpoint.tensors.best?.map((entry) => tf.clone(entry.tensor));
    const state = checkpoint.state as TrainState;
    return best ? { state, best } : { state };
  } finally {
    checkpoint.dispose();
  }
}
