import * as tf from "@tensorflow/tfjs-core";
import { createRng } from "../backend/random";
import type { WeightingContext } from "../weighting/types";
import { applyGroupGradients } from "./optimizer-groups";
import { clipByGlobalNorm } from "./clip-by-global-norm";
import { epochBatches } from "./epoch-batches";
import { disposeBatch, makeBatch, type Batch } from "./make-batch";
import { mixSeed } from "./mix-seed";
import type { Run } from "./prepare-run";
import { runStep } from "./run-step";
import { setLearningRate } from "./set-learning-rate";
import type { StepOutcome } from "./step-types";
import { taskLosses } from "./task-losses";
import type { EpochRecord, StepRecord, TaskValues } from "./types";

/**
 * Runs one epoch of optimizer steps over the training split in the order seeded by (seed, epoch),
 * records every step, calls `onStep`, and returns the epoch's mean losses and weights.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const run = prepareRun(model, data, { epochs: 1, batchSize: 2, seed: 1 });
 * const record = await runEpoch(run, 0);
 * Object.keys(record.losses); // → ["a", "b"]
 * run.step; // → 2
 * model.dispose();
 */
export async function runEpoch(run: Run, epoch: number): Promise<EpochRecord["train"]> {
  const names = run.tasks.map((task) => task.name);
  const rng = createRng(mixSeed(run.seed, epoch, 2));
  const lossSums = new Float64Array(names.length);
  const weightSums = new Float64Array(names.length);
  let totalSum = 0;
  const batches = epochBatches(run.train.size, run.batchSize, run.seed, epoch);
  for (const indices of batches) {
    const batch = makeBatch(run.train, indices, run.model.inputNames, run.tasks);
    let record: StepRecord;
    try {
      const context = { step: run.step, epoch, rng, taskNames: names };
      const stepSeed = mixSeed(run.seed, run.step, 3);
      const outcome = runStep(run, {
        model: run.model,
        tasks: run.tasks,
        batch,
        context,
        stepSeed,
        penalty: run.penalty,
      });
      const { grads, norm } = clipByGlobalNorm(outcome.grads, run.options.clipNorm);
      scheduleRates(run, batches.length);
      applyGroupGradients(run.groups, grads);
      tf.dispose(Object.values(grads));
      endStep(run, batch, { ...context, losses: outcome.losses }, stepSeed);
      record = stepRecord(run, epoch, outcome, norm);
    } finally {
      disposeBatch(batch);
    }
    names.forEach((_, t) => {
      lossSums[t] = (lossSums[t] as number) + (record.losses[names[t] as string] as number);
      weightSums[t] = (weightSums[t] as number) + (record.weights[names[t] as string] as number);
    });
    totalSum += record.total;
    if (run.options.recordSteps !== false) run.history.steps.push(record);
    run.step++;
    await run.options.onStep?.(record);
  }
  const mean = (sums: Float64Array): TaskValues =>
    Object.fromEntries(names.map((name, t) => [name, (sums[t] as number) / batches.length]));
  const meanLosses = mean(lossSums);
  run.weighting.endEpoch?.(
    epoch,
    Float64Array.from(names, (name) => meanLosses[name] as number),
  );
  return { losses: meanLosses, total: totalSum / batches.length, weights: mean(weightSums) };
}

/** Sets every group's rate to its base rate × the schedule's factor at this step. */
function scheduleRates(run: Run, stepsPerEpoch: number): void {
  const schedule = run.options.learningRateSchedule;
  if (schedule === undefined) return;
  const factor = schedule(run.step, run.epochs * stepsPerEpoch);
  for (const group of run.groups) setLearningRate(group.optimizer, group.learningRate * factor);
}

function endStep(run: Run, batch: Batch, context: WeightingContext, stepSeed: number): void {
  const method = run.weighting;
  if (method.endStep === undefined) return;
  if (method.kind !== "loss") return method.endStep(context);
  // Loss methods such as FAMO compare the losses before and after the update on the same batch.
  const after = new Float64Array(run.tasks.length);
  tf.tidy(() => {
    // The same dropout masks as the step's passes; the batch-norm statistics moved in the step already.
    const outputs = run.model.forward(batch.inputs, { training: true, seed: stepSeed, updateStatistics: false });
    taskLosses(outputs, run.tasks, batch).forEach((loss, t) => (after[t] = loss.dataSync()[0] as number));
  });
  method.endStep({ ...context, losses: after });
}

function stepRecord(run: Run, epoch: number, outcome: StepOutcome, gradNorm: number): StepRecord {
  const names = run.tasks.map((task) => task.name);
  const byTask = (values: Float64Array): TaskValues =>
    Object.fromEntries(names.map((name, t) => [name, values[t] as number]));
  let total = 0;
  outcome.losses.forEach((loss, t) => (total += loss * (outcome.weights[t] as number)));
  const record: StepRecord = {
    step: run.step,
    epoch,
    losses: byTask(outcome.losses),
    total,
    weights: byTask(outcome.weights),
    gradNorm,
  };
  if (outcome.solver) record.solver = { ...outcome.solver };
  if (outcome.cosines) record.cosines = cosinePairs(names, outcome.cosines);
  return record;
}

function cosinePairs(names: readonly string[], cosines: Float64Array): TaskValues {
  const pairs: TaskValues = {};
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++)
      pairs[`${names[i]}|${names[j]}`] = cosines[i * names.length + j] as number;
  }
  return pairs;
}
