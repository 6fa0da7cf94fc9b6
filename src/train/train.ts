import * as tf from "@tensorflow/tfjs-core";
// tfjs-core's CommonJS build registers no gradients; tfjs-layers' build registers them all.
import "@tensorflow/tfjs-layers";
import type { MultiTaskModel } from "../arch/types";
import { variableGroups } from "../arch/variable-groups";
import type { Dataset, Split } from "../data/types";
import { updateEarlyStopping, type EarlyStoppingState } from "./early-stopping";
import { evaluate } from "./evaluate";
import { prepareRun, type Run } from "./prepare-run";
import { runEpoch } from "./run-epoch";
import { moveStateToHost } from "../weighting/move-state-to-host";
import { restoreMethodState } from "./method-state";
import { resumeTraining, saveTraining } from "./train-checkpoint";
import type {
  CheckpointOptions,
  EarlyStoppingOptions,
  EpochRecord,
  History,
  OptimizerSpec,
  TrainOptions,
} from "./types";
import { checkOptions, optionNames } from "../check-options";

const trainOptionNames = optionNames<TrainOptions>({
  epochs: true,
  batchSize: true,
  seed: true,
  optimizer: true,
  learningRates: true,
  freeze: true,
  learningRateSchedule: true,
  weighting: true,
  gradientMode: true,
  tasks: true,
  clipNorm: true,
  l1: true,
  l2: true,
  validation: true,
  test: true,
  earlyStopping: true,
  checkpoint: true,
  recordSteps: true,
  onStep: true,
  onEpochEnd: true,
  onTrainEnd: true,
});
const optimizerNames = optionNames<OptimizerSpec>({
  type: true,
  learningRate: true,
  momentum: true,
  beta1: true,
  beta2: true,
  initialAccumulator: true,
  epsilon: true,
});
const earlyStoppingNames = optionNames<EarlyStoppingOptions>({
  monitor: true,
  patience: true,
  minDelta: true,
  restoreBest: true,
});
const checkpointNames = optionNames<CheckpointOptions>({ dir: true, every: true, resume: true });

/** Unknown option names (a typo from plain JavaScript) fail before any work, naming the known ones. */
function checkTrainOptions(options: TrainOptions): void {
  checkOptions("train", options, trainOptionNames);
  checkOptions("train (optimizer)", options.optimizer, optimizerNames);
  checkOptions("train (earlyStopping)", options.earlyStopping, earlyStoppingNames);
  checkOptions("train (checkpoint)", options.checkpoint, checkpointNames);
}

/**
 * Trains a multi-task model: each step computes the per-task losses (masked means), combines them
 * with the weighting method (default equal weights 1/T, or the tasks' static weights; gradient methods
 * in "param" or "representation" mode), adds L1/L2 and the model's penalty, clips the global
 * gradient norm, and applies one optimizer per variable group (its rate scaled by an optional
 * `learningRateSchedule`, e.g. `linearDecay()`). Validates every epoch, stops early,
 * checkpoints and resumes exactly, and returns a JSON history. The model is trained in place.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const history = await train(model, data, { epochs: 2, batchSize: 2, seed: 1 });
 * history.epochs.length; // → 2
 * typeof history.epochs[1].validation?.metrics.a.accuracy; // → "number"
 * model.dispose();
 */
export async function train(
  model: MultiTaskModel,
  data: Dataset | Split,
  options: TrainOptions = {},
): Promise<History> {
  checkTrainOptions(options);
  const run = prepareRun(model, data, options);
  const early: EarlyStoppingState = { bestValue: null, bestEpoch: -1, wait: 0 };
  let best: tf.Tensor[] | undefined;
  let startEpoch = 0;
  let finished = false;
  try {
    const resumed = options.checkpoint?.resume ? await resumeTraining(run, options.checkpoint.dir) : undefined;
    if (resumed) {
      ({ epoch: startEpoch, finished } = resumed.state);
      run.step = resumed.state.step;
      run.history = resumed.state.history;
      Object.assign(early, resumed.state.early);
      best = resumed.best;
      if (resumed.state.weighting !== undefined) restoreMethodState(run.weighting, resumed.state.weighting);
      else replayEpochEnds(run);
    }
    const started = performance.now();
    const baseSeconds = run.history.timing.seconds;
    for (let epoch = startEpoch; epoch < run.epochs && !finished; epoch++) {
      const epochStarted = performance.now();
      const record: EpochRecord = { epoch, train: await runEpoch(run, epoch) };
      if (run.validation)
        record.validation = evaluate(model, run.validation, {
          tasks: run.tasks,
          batchSize: Math.max(256, run.batchSize),
        });
      run.history.epochs.push(record);
      run.history.stopped = { reason: "epochs", epoch };
      if (options.earlyStopping) {
        const verdict = updateEarlyStopping(early, options.earlyStopping, record);
        if (verdict === "improved" && options.earlyStopping.restoreBest !== false) best = snapshot(model, best);
        if (verdict === "stop") {
          finished = true;
          run.history.stopped = { reason: "earlyStopping", epoch };
        }
      }
      run.history.timing.epochSeconds.push((performance.now() - epochStarted) / 1000);
      run.history.timing.seconds = baseSeconds + (performance.now() - started) / 1000;
      await maybeSave(run, { epoch: epoch + 1, step: run.step, finished, early, history: run.history }, best);
      await options.onEpochEnd?.({ ...record, epochs: run.epochs, seconds: run.history.timing.seconds });
    }
    const history = finish(run, early, best);
    await options.onTrainEnd?.();
    return history;
  } finally {
    tf.dispose(best ?? []);
    run.groups.forEach((group) => group.optimizer.dispose());
    // Methods may keep state on the device between steps (DB-MTL's gradient buffer); move it home.
    moveStateToHost(run.weighting);
  }
}

function finish(run: Run, early: EarlyStoppingState, best: tf.Tensor[] | undefined): History {
  const stopping = run.options.earlyStopping;
  if (stopping && early.bestValue !== null) {
    run.history.best = { epoch: early.bestEpoch, monitor: stopping.monitor ?? "loss", value: early.bestValue };
    // A snapshot from a checkpoint written before state was kept covers the weights only.
    if (best) bestVariables(run.model).forEach((v, i) => best[i] && v.assign(best[i]));
  }
  const batchSize = Math.max(256, run.batchSize);
  if (run.validation)
    run.history.final.validation = evaluate(run.model, run.validation, { tasks: run.tasks, batchSize });
  if (run.test) run.history.final.test = evaluate(run.model, run.test, { tasks: run.tasks, batchSize });
  return run.history;
}

function snapshot(model: MultiTaskModel, previous: tf.Tensor[] | undefined): tf.Tensor[] {
  tf.dispose(previous ?? []);
  return bestVariables(model).map((v) => tf.clone(v));
}

/** What restore-best puts back: the weights, then the batch-norm running statistics inference reads. */
function bestVariables(model: MultiTaskModel): tf.Variable[] {
  return [...variableGroups(model).flatMap((group) => group.variables), ...(model.stateVariables ?? [])];
}

async function maybeSave(
  run: Run,
  state: Parameters<typeof saveTraining>[2],
  best: tf.Tensor[] | undefined,
): Promise<void> {
  const checkpoint = run.options.checkpoint;
  if (checkpoint === undefined) return;
  const every = checkpoint.every ?? 1;
  if (state.epoch % every === 0 || state.epoch === run.epochs || state.finished)
    await saveTraining(run, checkpoint.dir, state, best);
}

/** For a method without an explicit `state`, rebuilds its epoch-level state from the restored history. */
function replayEpochEnds(run: Run): void {
  if (run.weighting.endEpoch === undefined) return;
  for (const record of run.history.epochs) {
    run.weighting.endEpoch(
      record.epoch,
      Float64Array.from(run.tasks, (task) => record.train.losses[task.name] as number),
    );
  }
}
