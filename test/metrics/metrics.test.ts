import { test } from "node:test";
import assert from "node:assert/strict";
import {
  accuracy,
  macroF1,
  precision,
  recall,
  rocAuc,
  rmse,
  meanAbsoluteError,
  boxIou,
  meanBoxIou,
  ndcg,
  taskMetrics,
  metricDirection,
  quantileBins,
} from "../../src/metrics";
import { resolveTask } from "../../src/tasks";
import type { MtlError } from "../../src/errors";

const near = (actual: number | undefined, expected: number, tolerance = 1e-9): void =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < tolerance, `${actual} vs ${expected}`);

test("accuracy, macro-F1, precision and recall match hand-computed confusion counts", () => {
  near(accuracy([0, 1, 2, 1], [0, 2, 2, 1]), 0.75);
  assert.ok(Number.isNaN(accuracy([], [])));
  // class 0: tp 1, fn 1 → F1 2/3; class 1: tp 2, fp 1 → F1 4/5
  near(macroF1([0, 0, 1, 1], [0, 1, 1, 1], 2), (2 / 3 + 4 / 5) / 2);
  // 3 classes: F1 = [4/5, 0, 4/5]; precision = [2/3, 0 (never predicted), 2/3]; recall = [1, 0, 1]
  const labels = [0, 1, 2, 2, 1, 0];
  const predicted = [0, 2, 2, 2, 0, 0];
  near(macroF1(labels, predicted, 3), 1.6 / 3);
  near(precision(labels, predicted, 3), 4 / 9);
  near(recall(labels, predicted, 3), 2 / 3);
  near(precision([1, 0, 1, 0], [1, 1, 0, 0]), 0.5);
  near(recall([1, 1, 1, 0], [1, 0, 0, 0]), 1 / 3);
  near(precision([1, 0], [0, 0]), 0);
});

test("ROC-AUC equals the Mann–Whitney pair count, ties counting one half", () => {
  near(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75); // scikit-learn's roc_auc_score example
  near(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]), (0.5 + 1 + 1 + 1) / 4);
  near(rocAuc([1, 1, 0], [3, 2, 1]), 1);
  assert.ok(Number.isNaN(rocAuc([1, 1], [0.2, 0.3])));
});

test("RMSE, MAE, box IoU and NDCG match closed forms", () => {
  near(rmse([0, 0], [3, 4]), Math.sqrt(12.5));
  near(meanAbsoluteError([0, 0], [3, -4]), 3.5);
  near(boxIou([0, 0, 2, 2], [1, 1, 3, 3]), 1 / 7);
  near(boxIou([0, 0, 4, 4], [1, 1, 3, 3]), 4 / 16);
  near(boxIou([0, 0, 1, 1], [2, 2, 3, 3]), 0);
  near(boxIou([0, 0, 1, 1], [0, 0, 1, 1]), 1);
  near(meanBoxIou([0, 0, 2, 2, 0, 0, 1, 1], [1, 1, 3, 3, 0, 0, 1, 1]), (1 / 7 + 1) / 2);
  // ranked: item 1 (rel 2), item 2 (rel 0), item 0 (rel 3): DCG = 3/1 + 0 + 7/2; ideal 7/1 + 3/log2(3)
  near(ndcg([3, 2, 0], [0.1, 0.9, 0.5]), 6.5 / (7 + 3 / Math.log2(3)));
  near(ndcg([3, 2, 0], [0.1, 0.9, 0.5], 1), 3 / 7);
  near(ndcg([3, 2, 0], [3, 2, 1]), 1);
  near(ndcg([0, 0], [1, 2]), 1);
});

test("taskMetrics scores raw outputs by kind, over labelled samples only", () => {
  const binary = resolveTask({
    name: "spam",
    kind: "binary",
    metrics: ["accuracy", "rocAuc", "precision", "recall", "macroF1"],
  });
  const b = taskMetrics(binary, Float32Array.from([2, -1, 0.5]), [1, 0, 0]);
  near(b.accuracy, 2 / 3);
  near(b.rocAuc, 1);
  near(b.precision, 1 / 2);
  near(b.recall, 1);
  near(b.macroF1, (2 / 3 + 2 / 3) / 2); // class 1: tp 1 fp 1 → 2/3; class 0: tp 1 fn 1 → 2/3
  const classes = resolveTask({ name: "digit", kind: "classification", classes: 3 });
  const outputs = Float32Array.from([5, 0, 0, 0, 5, 0, 0, 0, 5, 5, 0, 0]);
  const c = taskMetrics(classes, outputs, [0, 1, 1, 2], [1, 1, 0, 0]);
  near(c.accuracy, 1); // the two wrong samples are masked out
  const multilabel = resolveTask({ name: "tags", kind: "multilabel", classes: 2 });
  // label 0 bits right 3/3 (F1 1); label 1 predicted [0,1,1] vs [1,0,1]: accuracy 1/3, positive F1 2·1/(2+1+1) = 1/2
  const m = taskMetrics(multilabel, Float32Array.from([1, -1, -1, 1, 1, 1]), [1, 1, 0, 0, 1, 1]);
  near(m.accuracy, (1 + 1 / 3) / 2);
  near(m.macroF1, (1 + 1 / 2) / 2);
  const regression = resolveTask({ name: "rating", kind: "regression" });
  const r = taskMetrics(regression, Float32Array.from([1, 2, 3]), [1, 40, 5], [1, 0, 1]);
  near(r.rmse, Math.sqrt(2));
  near(r.mae, 1);
  const box = resolveTask({ name: "box", kind: "bbox" });
  near(taskMetrics(box, Float32Array.from([1, 1, 3, 3]), [0, 0, 2, 2]).iou, 1 / 7);
  const ranking = resolveTask({ name: "items", kind: "ranking", size: 3 });
  near(
    taskMetrics(ranking, Float32Array.from([0.1, 0.9, 0.5, 3, 2, 1]), [3, 2, 0, 3, 2, 0]).ndcg,
    (6.5 / (7 + 3 / Math.log2(3)) + 1) / 2,
  );
});

test("metricDirection: errors and losses are lower-is-better, scores higher-is-better", () => {
  assert.deepEqual(["rmse", "mae", "loss", "meanError", "accuracy", "iou", "ndcg", "rocAuc"].map(metricDirection), [
    "lower",
    "lower",
    "lower",
    "lower",
    "higher",
    "higher",
    "higher",
    "higher",
  ]);
});

test("quantileBins: equal-count bins by rank, ties by position, clear errors", () => {
  assert.deepEqual(Array.from(quantileBins([0.9, 0.1, 0.5, 0.3], 2)), [1, 0, 1, 0]);
  assert.deepEqual(Array.from(quantileBins([2, 2, 2, 2, 2, 2], 3)), [0, 0, 1, 1, 2, 2]);
  const keys = Array.from({ length: 103 }, (_, i) => Math.sin(i * 7.1));
  const bins = quantileBins(keys, 5);
  const counts = [0, 0, 0, 0, 0];
  bins.forEach((b) => counts[b]!++);
  assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `sizes ${counts}`);
  for (let i = 0; i < keys.length; i++)
    for (let j = 0; j < keys.length; j++) if (keys[i]! < keys[j]!) assert.ok(bins[i]! <= bins[j]!);
  assert.throws(
    () => quantileBins([1, Number.NaN], 2),
    (error: MtlError) => error.code === "bad-value" && /key 1 is NaN/.test(error.message),
  );
  assert.throws(
    () => quantileBins([1], 0),
    (error: MtlError) => error.code === "bad-option",
  );
});
