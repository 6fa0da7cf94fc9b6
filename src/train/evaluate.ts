import * as tf from "@tensorflow/tfjs-core";
import type { MultiTaskModel } from "../arch/types";
import type { Column, Split } from "../data/types";
import { taskMetrics } from "../metrics/task-metrics";
import { resolveTasks } from "../tasks/resolve-tasks";
import { taskLoss } from "../tasks/task-loss";
import type { ResolvedTask } from "../tasks/types";
import { makeBatch, disposeBatch } from "./make-batch";
import type { Evaluation, TaskValues } from "./types";
import { mtlError } from "../errors";

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Resolved tasks (with loss and metric overrides); default the model's tasks. */
  tasks?: readonly ResolvedTask[];
  /** Default 256. */
  batchSize?: number;
}

/**
 * Per-task losses (masked means over the whole split) and metrics of a model on a split, in
 * inference mode (no dropout). Samples whose mask is 0 count in neither.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const evaluation = evaluate(model, data.validation);
 * Object.keys(evaluation.metrics); // → ["a", "b"]
 * model.dispose();
 */
export function evaluate(model: MultiTaskModel, split: Split, options: EvaluateOptions = {}): Evaluation {
  const tasks = options.tasks ?? resolveTasks(model.tasks);
  const batchSize = options.batchSize ?? 256;
  const lossSums = new Float64Array(tasks.length);
  const counts = new Float64Array(tasks.length);
  const outputs = tasks.map((task) => new Float32Array(split.size * task.outputWidth));
  for (let start = 0; start < split.size; start += batchSize) {
    const indices = Int32Array.from({ length: Math.min(batchSize, split.size - start) }, (_, k) => start + k);
    const batch = makeBatch(split, indices, model.inputNames, tasks);
    tf.tidy(() => {
      const raw = model.forward(batch.inputs, { training: false });
      tasks.forEach((task, t) => {
        const mask = batch.masks[task.name];
        const labelled = mask === undefined ? batch.size : (tf.sum(mask).dataSync()[0] as number);
        const loss = taskLoss(task, raw[task.name] as tf.Tensor, batch.targets[task.name] as tf.Tensor, mask);
        lossSums[t] = (lossSums[t] as number) + (loss.dataSync()[0] as number) * labelled;
        counts[t] = (counts[t] as number) + labelled;
        outputs[t]?.set((raw[task.name] as tf.Tensor).dataSync() as Float32Array, start * task.outputWidth);
      });
    });
    disposeBatch(batch);
  }
  const losses: TaskValues = {};
  const metrics: Record<string, TaskValues> = {};
  let total = 0;
  tasks.forEach((task, t) => {
    losses[task.name] = (counts[t] as number) > 0 ? (lossSums[t] as number) / (counts[t] as number) : 0;
    total += task.weight * (losses[task.name] as number);
    const target = (split.targets[task.name] as Column).values;
    const candidates = task.kind === "retrieval" ? candidateValues(model, task) : undefined;
    const output = outputs[t] as Float32Array;
    metrics[task.name] = taskMetrics(task, output, target, split.masks?.[task.name], candidates) as TaskValues;
  });
  return { losses, total, metrics };
}

function candidateValues(model: MultiTaskModel, task: ResolvedTask): Float32Array {
  if (model.candidates === undefined)
    throw mtlError({
      code: "missing-candidates",
      message: `retrieval task "${task.name}" needs the model's candidate embeddings, but model "${model.name}" has no candidates()`,
      fix: "build the model with twoTower, or give your model candidates(task) returning the catalogue's embeddings",
    });
  const embeddings = model.candidates(task.name);
  const values = embeddings.dataSync() as Float32Array;
  embeddings.dispose();
  return values;
}
