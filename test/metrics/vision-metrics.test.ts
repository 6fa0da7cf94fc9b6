import { test } from "node:test";
import assert from "node:assert/strict";
import { pixelAccuracy, meanIou, boxAccuracy, taskMetrics } from "../../src/metrics";
import { resolveTask } from "../../src/tasks";

const near = (actual: number | undefined, expected: number, tolerance = 1e-9): void =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < tolerance, `${actual} vs ${expected}`);

test("pixel accuracy and mean IoU match hand-counted confusion matrices", () => {
  near(pixelAccuracy([1, 1, 0, 0], [1, 0, 0, 0]), 0.75);
  // foreground TP 1, FN 1 → 1/2; background TP 2, FP 1 → 2/3
  near(meanIou([1, 1, 0, 0], [1, 0, 0, 0]), (1 / 2 + 2 / 3) / 2);
  // an all-background image predicted all background: only class 0 occurs, IoU 1 (class 1 left out, not 0/0)
  near(meanIou([0, 0, 0], [0, 0, 0]), 1);
  // three classes over two "images" of 3 pixels: IoU_0 = 1/3 (TP 1 of {0, 1, 3}), IoU_1 = 1/4, IoU_2 = 1/2
  near(meanIou([0, 1, 2, 0, 1, 2], [0, 0, 2, 1, 1, 1], { classes: 3 }), (1 / 3 + 1 / 4 + 1 / 2) / 3);
  // mean IoU is not the pixel accuracy: a 5 % foreground predicted empty is 95 % accurate but mIoU 0.475
  const targets = Array.from({ length: 100 }, (_, i) => (i < 5 ? 1 : 0));
  const empty = new Array<number>(100).fill(0);
  near(pixelAccuracy(targets, empty), 0.95);
  near(meanIou(targets, empty), 0.95 / 2);
});

test("box accuracy counts boxes with IoU ≥ 0.5 (threshold inclusive)", () => {
  near(boxAccuracy([0, 0, 2, 2, 0, 0, 1, 1], [1, 1, 3, 3, 0, 0, 1, 1]), 0.5);
  // [0,0,2,1] against [0,0,1,1]: IoU exactly 1/2
  near(boxAccuracy([0, 0, 1, 1], [0, 0, 2, 1]), 1);
  near(boxAccuracy([0, 0, 1, 1], [0, 0, 2, 1], { threshold: 0.75 }), 0);
});

test("taskMetrics scores masks on logits > 0 and sigmoid box heads on σ(outputs)", () => {
  const mask = resolveTask({ name: "digitMask", kind: "mask", size: 4 });
  const scores = taskMetrics(mask, new Float32Array([3, -1, -2, -0.5]), new Float32Array([1, 1, 0, 0]));
  near(scores.pixelAccuracy, 0.75);
  near(scores.meanIou, 7 / 12);
  const box = resolveTask({ name: "box", kind: "bbox", activation: "sigmoid", metrics: ["iou", "boxAccuracy"] });
  const logit = (p: number): number => Math.log(p / (1 - p));
  const outputs = new Float32Array([0.1, 0.1, 0.5, 0.5].map(logit));
  const boxScores = taskMetrics(box, outputs, new Float32Array([0.1, 0.1, 0.5, 0.3]));
  near(boxScores.iou, 0.5, 1e-6);
  near(boxScores.boxAccuracy, 1);
});
