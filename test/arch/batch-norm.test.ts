// Batch normalisation as an encoder/head option: the forward pass against the closed form of
// Ioffe & Szegedy (2015, Algorithm 1 and 2), training vs inference, running statistics (not
// trainable, not in any optimizer list), and a checkpoint round trip that restores them bit-exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { hardSharing, lenet, mlp } from "../../src/arch";
import { loadModel, loadModelWeights, saveModel } from "../../src/io";
import { train } from "../../src/train";
import { makeDataset, tasks } from "../train/fixtures";

const epsilon = 1e-3;
const momentum = 0.99;

/** h = x W (float64), per-column batch mean and biased variance. */
function closedForm(x: number[][], kernel: number[][]) {
  const h = x.map((row) => kernel[0]!.map((_, j) => row.reduce((sum, value, i) => sum + value * kernel[i]![j]!, 0)));
  const columns = kernel[0]!.length;
  const mean = Array.from({ length: columns }, (_, j) => h.reduce((sum, row) => sum + row[j]!, 0) / h.length);
  const variance = mean.map((m, j) => h.reduce((sum, row) => sum + (row[j]! - m) ** 2, 0) / h.length);
  return { h, mean, variance };
}

const close = (actual: number[][], expected: number[][], tolerance: number): void =>
  actual.forEach((row, i) =>
    row.forEach((value, j) =>
      assert.ok(Math.abs(value - expected[i]![j]!) <= tolerance, `[${i}][${j}] ${value} vs ${expected[i]![j]}`),
    ),
  );

test("batch norm in training uses the batch statistics and updates the running ones; inference uses the running ones", async () => {
  await initBackend({ backend: "cpu" });
  const encoder = mlp({ inputShape: [3], hidden: [4], activation: "linear", batchNorm: true, seed: 3 });
  encoder.build();
  const [kernel, gamma, beta] = encoder.variables();
  const [movingMean, movingVariance] = encoder.stateVariables();
  assert.deepEqual(
    encoder.variables().map((v) => v.shape),
    [[3, 4], [4], [4]],
    "no dense bias: β replaces it",
  );
  assert.deepEqual([movingMean!.trainable, movingVariance!.trainable], [false, false]);
  gamma!.assign(tf.tensor1d([0.5, 2, -1, 1.5]));
  beta!.assign(tf.tensor1d([0.1, -0.2, 0.3, 0]));
  const g = Array.from(gamma!.dataSync());
  const b = Array.from(beta!.dataSync());
  const W = kernel!.arraySync() as number[][];
  const xs = [
    [1, -2, 0.5],
    [0.3, 0.7, -1],
    [2, 1, 1],
    [-1, 0, 0.2],
    [0.5, 0.5, 0.5],
  ];
  const { h, mean, variance } = closedForm(xs, W);
  const before = tf.memory().numTensors;
  const x = tf.tensor2d(xs);
  const trained = tf.tidy(() => encoder.apply(x, { training: true }).arraySync() as number[][]);
  close(
    trained,
    h.map((row) => row.map((v, j) => (g[j]! * (v - mean[j]!)) / Math.sqrt(variance[j]! + epsilon) + b[j]!)),
    1e-4,
  );
  const runningMean = mean.map((m) => (1 - momentum) * m);
  const runningVariance = variance.map((v) => momentum + (1 - momentum) * v);
  close([Array.from(movingMean!.dataSync())], [runningMean], 1e-6);
  close([Array.from(movingVariance!.dataSync())], [runningVariance], 1e-6);
  const afterTraining = Array.from(movingMean!.dataSync());
  const inferred = tf.tidy(() => encoder.apply(x, { training: false }).arraySync() as number[][]);
  close(
    inferred,
    h.map((row) =>
      row.map((v, j) => (g[j]! * (v - runningMean[j]!)) / Math.sqrt(runningVariance[j]! + epsilon) + b[j]!),
    ),
    1e-4,
  );
  assert.ok(
    Math.abs(inferred[0]![0]! - trained[0]![0]!) > 1e-2,
    "training and inference differ while the running statistics are young",
  );
  assert.deepEqual(Array.from(movingMean!.dataSync()), afterTraining, "inference leaves the running statistics alone");
  x.dispose();
  assert.equal(tf.memory().numTensors, before, "no tensor left behind by the forward passes and the running update");
  encoder.dispose();
});

test("lenet and heads take batchNorm too; running statistics are model state, never optimizer variables", async () => {
  await initBackend({ backend: "cpu" });
  const conv = lenet({ inputShape: [12, 12, 1], filters: [2, 3], kernelSize: 3, units: 5, batchNorm: true, seed: 1 });
  conv.build();
  assert.deepEqual(
    conv.stateVariables().map((v) => v.shape),
    [[2], [2], [3], [3], [5], [5]],
  );
  conv.dispose();
  const model = hardSharing({
    trunk: mlp({ inputShape: [4], hidden: [8], batchNorm: true }),
    tasks,
    head: { hidden: [6], batchNorm: true },
    seed: 2,
  });
  const trainable = new Set([...model.sharedVariables, ...Object.values(model.taskVariables).flat()]);
  assert.equal(model.stateVariables?.length, 2 + 2 * 2);
  assert.ok(model.stateVariables!.every((v) => !trainable.has(v) && !v.trainable));
  model.dispose();
});

test("train updates the running statistics; saveModel/loadModel restore them bit-exactly", async () => {
  await initBackend({ backend: "cpu" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mtlkit-bn-"));
  try {
    const build = (seed: number) =>
      hardSharing({
        trunk: mlp({ inputShape: [4], hidden: [8], batchNorm: true }),
        tasks,
        head: { hidden: [6], batchNorm: true },
        seed,
      });
    const model = build(1);
    const initial = model.stateVariables!.map((v) => Array.from(v.dataSync()));
    await train(model, makeDataset(1, 128), { epochs: 1, batchSize: 32, seed: 1, validation: false, test: false });
    const state = model.stateVariables!.map((v) => Array.from(v.dataSync()));
    assert.notDeepEqual(state, initial, "training moved the running statistics");
    await saveModel(model, path.join(dir, "model"));
    const fresh = build(9);
    const before = tf.memory().numTensors;
    loadModelWeights(fresh, path.join(dir, "model"));
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual(
      fresh.stateVariables!.map((v) => Array.from(v.dataSync())),
      state,
    );
    const rebuilt = loadModel(path.join(dir, "model"));
    assert.deepEqual(
      rebuilt.stateVariables!.map((v) => Array.from(v.dataSync())),
      state,
    );
    const x = tf.randomNormal([5, 4], 0, 1, "float32", 4);
    const [a, b] = [model.predict({ x }), rebuilt.predict({ x })];
    assert.deepEqual(
      Array.from(a.b!.dataSync()),
      Array.from(b.b!.dataSync()),
      "same inference outputs after the round trip",
    );
    tf.dispose([x, ...Object.values(a), ...Object.values(b)]);
    [model, fresh, rebuilt].forEach((m) => m.dispose());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
