import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { crossStitch, mmoe, softSharing } from "../../src/arch";
import { imageGrid, inspectionCurves, inspectionRecorder, MtlError } from "../../src";
import { inspectionSnapshot } from "../../src/arch/inspection-snapshot";
import { hardSharing } from "../../src/arch/hard-sharing";
import { mlp } from "../../src/arch/encoders/mlp";
import { assertSnapshot } from "./snapshot";

const tasks = [
  { name: "left", kind: "regression" as const },
  { name: "right", kind: "regression" as const },
];

before(async () => {
  await initBackend({ backend: "cpu" });
});

test("inspectionSnapshot: stitch matrices kept, gates averaged over the batch to one row summing to one, tensors freed", () => {
  const stitched = crossStitch({ tasks, inputShape: [4], hidden: [3, 3], alphaSame: 0.7, seed: 1 });
  const gated = mmoe({ tasks, inputShape: [4], experts: 3, seed: 2 });
  const x = tf.randomNormal([5, 4], 0, 1, "float32", 3);
  const before = tf.memory().numTensors;
  const stitches = inspectionSnapshot(stitched, { x });
  const gates = inspectionSnapshot(gated, { x }, { meanOverBatch: true });
  const perSample = inspectionSnapshot(gated, { x }, { prefixes: ["gate/left"] });
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(Object.keys(stitches), ["stitch/0", "stitch/1"]);
  stitches["stitch/0"]!.forEach((row, t) =>
    row.forEach((v, s) => assert.ok(Math.abs(v - (t === s ? 0.7 : 0.3)) < 1e-6)),
  );
  assert.equal(gates["gate/left"]!.length, 1);
  assert.ok(Math.abs(gates["gate/right"]![0]!.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  assert.deepEqual(Object.keys(perSample), ["gate/left"]);
  assert.equal(perSample["gate/left"]!.length, 5);
  // the batch mean is the mean of the per-sample rows
  const mean = [0, 1, 2].map((e) => perSample["gate/left"]!.reduce((sum, row) => sum + row[e]!, 0) / 5);
  mean.forEach((value, e) => assert.ok(Math.abs(value - gates["gate/left"]![0]![e]!) < 1e-6));
  const hard = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [3] }), tasks, seed: 1 });
  assert.throws(
    () => inspectionSnapshot(hard, { x }),
    (error: unknown) => error instanceof MtlError && error.code === "no-inspect",
  );
  [stitched, gated, hard].forEach((model) => model.dispose());
  x.dispose();
});

test("softSharing inspect: singular values of the stacked towers match a hand computation", () => {
  const model = softSharing({ tasks, inputShape: [2], hidden: [1], seed: 3 });
  const [k1, b1] = model.taskVariables.left!;
  const [k2, b2] = model.taskVariables.right!;
  // rows (3, 4, 0) and (0, 0, 2) are orthogonal: singular values are their norms 5 and 2
  k1!.assign(tf.tensor2d([[3], [4]]));
  b1!.assign(tf.tensor1d([0]));
  k2!.assign(tf.tensor2d([[0], [0]]));
  b2!.assign(tf.tensor1d([2]));
  const values = inspectionSnapshot(model, { x: tf.zeros([1, 2]) });
  assert.deepEqual(
    values["singularValues/0"]![0]!.map((v) => Math.round(v * 1e5) / 1e5),
    [5, 2],
  );
  // distance √(3² + 4² + 2²)
  assert.ok(Math.abs(values["distance/0"]![0]![0]! - Math.sqrt(29)) < 1e-5);
  model.dispose();
});

test("inspectionRecorder: one record before training and one per epoch end", () => {
  const model = crossStitch({ tasks, inputShape: [4], hidden: [3], seed: 1 });
  const x = tf.ones([1, 4]);
  const recorder = inspectionRecorder(model, { x });
  const alpha = model.sharedVariables[model.sharedVariables.length - 1]!;
  alpha.assign(
    tf.tensor2d([
      [0.5, 0.5],
      [0.2, 0.8],
    ]),
  );
  recorder.onEpochEnd({ epoch: 0 });
  assert.deepEqual(
    recorder.records.map((r) => r.epoch),
    [-1, 0],
  );
  assert.ok(Math.abs(recorder.records[0]!.values["stitch/0"]![0]![0]! - 0.9) < 1e-6);
  assert.ok(Math.abs(recorder.records[1]!.values["stitch/0"]![1]![1]! - 0.8) < 1e-6);
  model.dispose();
  x.dispose();
});

test("inspectionCurves draws one line per matrix entry and names unknown keys", () => {
  const records = [-1, 0, 1, 2].map((epoch) => ({
    epoch,
    values: {
      "stitch/0": [
        [0.9 - 0.05 * (epoch + 1), 0.1 + 0.05 * (epoch + 1)],
        [0.1 + 0.02 * (epoch + 1), 0.9 - 0.02 * (epoch + 1)],
      ],
      "stitch/1": [
        [0.9, 0.1],
        [0.1, 0.9],
      ],
    },
  }));
  const svg = inspectionCurves(records, {
    keys: ["stitch/0", "stitch/1"],
    rowLabels: ["left", "right"],
    columnLabels: ["from left", "from right"],
    title: "cross-stitch",
    yLabel: "α",
  });
  assertSnapshot("inspection-curves", svg);
  assert.match(svg, /left · from right/);
  assert.throws(
    () => inspectionCurves(records, { keys: ["gate/a"] }),
    (error: unknown) => error instanceof MtlError && error.code === "empty-history" && /stitch\/0/.test(error.message),
  );
});

test("imageGrid draws each image in its own panel on one colour scale", () => {
  const ramp = Array.from({ length: 4 }, (_, i) => Array.from({ length: 4 }, (_, j) => (i + j) / 6));
  const svg = imageGrid(
    [
      { label: "input", values: ramp },
      { label: "mask", values: ramp.map((row) => row.map((v) => 1 - v)) },
    ],
    { title: "masks", domain: [0, 1] },
  );
  assertSnapshot("image-grid", svg);
  assert.match(svg, />mask</);
  assert.throws(
    () => imageGrid([{ label: "empty", values: [] }]),
    (error: unknown) => error instanceof MtlError && error.code === "bad-matrix",
  );
});
