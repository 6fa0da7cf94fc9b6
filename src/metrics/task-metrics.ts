import type { ResolvedTask, MetricName } from "../tasks/types";
import { accuracy } from "./accuracy";
import { macroF1 } from "./macro-f1";
import { classCounts } from "./class-counts";
import { precision } from "./precision";
import { recall } from "./recall";
import { rocAuc } from "./roc-auc";
import { rmse } from "./rmse";
import { meanAbsoluteError } from "./mae";
import { meanBoxIou } from "./box-iou";
import { ndcg } from "./ndcg";
import { boxAccuracy } from "./box-accuracy";
import { pixelAccuracy } from "./pixel-accuracy";
import { meanIou } from "./mean-iou";
import { factorizedTopK } from "./factorized-top-k";
import { mtlError } from "../errors";

/** One task's raw outputs and targets over a split, flat, already restricted to labelled samples. */
interface Flat {
  outputs: Float32Array;
  targets: ArrayLike<number>;
  width: number;
}

/**
 * A task's metrics from the model's raw outputs (logits or values, N × W flat) and the targets,
 * over the samples whose mask is 1. Classification predicts the argmax; binary and multilabel
 * predict 1 where the logit is > 0 (probability > 0.5) and score AUC on the logits; multilabel
 * metrics are the positive-class values averaged over labels, ranking NDCG is averaged over lists;
 * a mask predicts foreground where the pixel's logit is > 0; a sigmoid box head's boxes are σ(outputs);
 * retrieval ranks each query (the first half of its output row) against `candidates`, the embeddings
 * of the whole catalogue (row = candidate id), and fails with missing-candidates without them.
 *
 * @example
 * const task = resolveTask({ name: "spam", kind: "binary" });
 * const [logits, targets] = [new Float32Array([2, -1, 0.5]), new Float32Array([1, 0, 0])];
 * taskMetrics(task, logits, targets); // → { accuracy: 0.6667, rocAuc: 1.0000 }
 */
export function taskMetrics(
  task: ResolvedTask,
  outputs: Float32Array,
  targets: ArrayLike<number>,
  mask?: ArrayLike<number>,
  candidates?: ArrayLike<number>,
): Partial<Record<MetricName, number>> {
  const flat = labelled({ outputs, targets, width: task.outputWidth }, task, mask);
  const result: Partial<Record<MetricName, number>> = {};
  if (task.kind === "retrieval") return retrievalMetrics(task, flat, candidates);
  for (const metric of task.metrics) result[metric] = metricValue(task, metric, flat);
  return result;
}

function retrievalMetrics(
  task: ResolvedTask,
  flat: Flat,
  candidates?: ArrayLike<number>,
): Partial<Record<MetricName, number>> {
  if (candidates === undefined)
    throw mtlError({
      code: "missing-candidates",
      message: `retrieval task "${task.name}" was scored without candidate embeddings`,
      fix: "use a model with candidates() (e.g. twoTower), or pass the catalogue's embeddings to taskMetrics",
    });
  const width = flat.width / 2;
  const rows = flat.outputs.length / flat.width;
  const queries = new Float32Array(rows * width);
  for (let i = 0; i < rows; i++) queries.set(flat.outputs.subarray(i * flat.width, i * flat.width + width), i * width);
  const topK = task.topK ?? 100;
  const topKAccuracy = factorizedTopK({ queries, candidates, positives: flat.targets, width, topK });
  return task.metrics.includes("topKAccuracy") ? { topKAccuracy } : {};
}

function labelled(flat: Flat, task: ResolvedTask, mask?: ArrayLike<number>): Flat {
  if (mask === undefined) return flat;
  const targetWidth = task.kind === "classification" || task.kind === "retrieval" ? 1 : flat.width;
  const keep: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) keep.push(i);
  const outputs = new Float32Array(keep.length * flat.width);
  const targets = new Float64Array(keep.length * targetWidth);
  keep.forEach((row, k) => {
    outputs.set(flat.outputs.subarray(row * flat.width, (row + 1) * flat.width), k * flat.width);
    for (let j = 0; j < targetWidth; j++) targets[k * targetWidth + j] = flat.targets[row * targetWidth + j] as number;
  });
  return { outputs, targets, width: flat.width };
}

function metricValue(task: ResolvedTask, metric: MetricName, flat: Flat): number {
  if (task.kind === "classification") return classificationMetric(metric, flat, task.outputWidth);
  if (task.kind === "binary" || task.kind === "multilabel")
    return binaryMetric(metric, flat, task.kind === "multilabel");
  if (task.kind === "mask") return maskMetric(metric, flat);
  if (task.kind === "bbox" && task.activation === "sigmoid")
    return boxMetric(metric, { ...flat, outputs: flat.outputs.map(sigmoid) });
  if (task.kind === "bbox") return boxMetric(metric, flat);
  if (metric === "rmse") return rmse(flat.targets, flat.outputs);
  if (metric === "mae") return meanAbsoluteError(flat.targets, flat.outputs);
  return perRow(flat, (relevance, scores) => ndcg(relevance, scores));
}

function maskMetric(metric: MetricName, flat: Flat): number {
  const predicted = flat.outputs.map((logit) => (logit > 0 ? 1 : 0));
  return metric === "pixelAccuracy" ? pixelAccuracy(flat.targets, predicted) : meanIou(flat.targets, predicted);
}

function boxMetric(metric: MetricName, flat: Flat): number {
  if (metric === "rmse") return rmse(flat.targets, flat.outputs);
  if (metric === "mae") return meanAbsoluteError(flat.targets, flat.outputs);
  if (metric === "boxAccuracy") return boxAccuracy(flat.targets, flat.outputs);
  return meanBoxIou(flat.targets, flat.outputs);
}

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

function classificationMetric(metric: MetricName, flat: Flat, classes: number): number {
  const predicted = argmaxRows(flat.outputs, classes);
  if (metric === "accuracy") return accuracy(flat.targets, predicted);
  if (metric === "macroF1") return macroF1(flat.targets, predicted, classes);
  if (metric === "precision") return precision(flat.targets, predicted, classes);
  return recall(flat.targets, predicted, classes);
}

function binaryMetric(metric: MetricName, flat: Flat, perLabel: boolean): number {
  const columns = Array.from({ length: flat.width }, (_, j) => column(flat, j));
  const scores = columns.map(({ labels, logits }) => {
    const predicted = logits.map((logit) => (logit > 0 ? 1 : 0));
    if (metric === "accuracy") return accuracy(labels, predicted);
    if (metric === "macroF1") return perLabel ? positiveF1(labels, predicted) : macroF1(labels, predicted, 2);
    if (metric === "precision") return precision(labels, predicted);
    if (metric === "recall") return recall(labels, predicted);
    return rocAuc(labels, logits);
  });
  // As scikit-learn's average="macro": a binary task averages the F1 of both classes, a
  // multilabel task the positive-class F1 (and precision, recall, AUC) of each label.
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}

function positiveF1(labels: number[], predicted: number[]): number {
  const counts = classCounts(labels, predicted, 2)[1] as { tp: number; fp: number; fn: number };
  const denominator = 2 * counts.tp + counts.fp + counts.fn;
  return denominator === 0 ? 0 : (2 * counts.tp) / denominator;
}

function column(flat: Flat, j: number): { labels: number[]; logits: number[] } {
  const rows = flat.outputs.length / flat.width;
  const labels = Array.from({ length: rows }, (_, i) => Math.round(flat.targets[i * flat.width + j] as number));
  const logits = Array.from({ length: rows }, (_, i) => flat.outputs[i * flat.width + j] as number);
  return { labels, logits };
}

function argmaxRows(values: Float32Array, width: number): Int32Array {
  const rows = values.length / width;
  const result = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < width; j++)
      if ((values[i * width + j] as number) > (values[i * width + best] as number)) best = j;
    result[i] = best;
  }
  return result;
}

function perRow(flat: Flat, score: (targets: number[], outputs: number[]) => number): number {
  const rows = flat.outputs.length / flat.width;
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const range = Array.from({ length: flat.width }, (_, j) => i * flat.width + j);
    sum += score(
      range.map((k) => flat.targets[k] as number),
      range.map((k) => flat.outputs[k] as number),
    );
  }
  return rows === 0 ? Number.NaN : sum / rows;
}
