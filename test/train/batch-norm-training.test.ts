// Training models with batch norm on the hand-written parts (and the encoders'): the running statistics are
// saved and restored by saveModel/restoreModel and the trainer's checkpoints, early stopping's restore-best puts
// them back, the tensor count stays flat across epochs, and a training batch of one sample is refused clearly.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { hardSharing, mlp, mmoe, type MultiTaskModel } from "../../src/arch";
import type { MtlError } from "../../src/errors";
import { loadCheckpoint, restoreModel, saveModel } from "../../src/io";
import { train, type TrainOptions } from "../../src/train";
import { famo, mgda } from "../../src/weighting";
import { makeDataset, tasks, weightsOf, withoutTiming } from "./fixtures";

const roots: string[] = [];
after(() => roots.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mtlkit-bn-train-"));
  roots.push(dir);
  return dir;
};

const normalisedMmoe = (seed: number): MultiTaskModel =>
  mmoe({ tasks, inputShape: [4], experts: 3, expertHidden: [8], towerHidden: [4], batchNorm: true, seed });
const normalisedMlp = (seed: number): MultiTaskModel =>
  hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8], batchNorm: true }), tasks, seed });
const state = (model: MultiTaskModel): number[][] => (model.stateVariables ?? []).map((v) => Array.from(v.dataSync()));
const quiet = { validation: false, test: false } as const;

test("mmoe with batchNorm: train moves the statistics, tensors stay flat, save → restore gives identical inference", async () => {
  await initBackend({ backend: "cpu" });
  const model = normalisedMmoe(1);
  const initial = state(model);
  const counts: number[] = [];
  await train(model, makeDataset(1, 128), {
    epochs: 4,
    batchSize: 32,
    seed: 2,
    weighting: mgda(),
    ...quiet,
    onEpochEnd: () => void counts.push(tf.memory().numTensors),
  });
  assert.notDeepEqual(state(model), initial, "training moved the running statistics");
  assert.ok(
    counts.every((count) => count === counts[0]),
    `tensors per epoch: ${counts.join(", ")}`,
  );
  const dir = path.join(tempDir(), "model");
  await saveModel(model, dir);
  const copy = normalisedMmoe(7);
  assert.notDeepEqual(state(copy), state(model));
  const checkpoint = loadCheckpoint(dir);
  restoreModel(copy, checkpoint);
  checkpoint.dispose();
  assert.deepEqual(state(copy), state(model));
  const x = tf.randomNormal([6, 4], 0, 1, "float32", 5);
  const [a, b] = [model.predict({ x }), copy.predict({ x })];
  for (const task of tasks)
    assert.deepEqual(Array.from(b[task.name]!.dataSync()), Array.from(a[task.name]!.dataSync()));
  tf.dispose([x, ...Object.values(a), ...Object.values(b)]);
  model.dispose();
  copy.dispose();
});

test("a run resumed from a trainer checkpoint has the same weights and running statistics as a straight run", async () => {
  await initBackend({ backend: "cpu" });
  const root = tempDir();
  const data = makeDataset(2, 128);
  const options: TrainOptions = { epochs: 3, batchSize: 32, seed: 3, ...quiet };
  const straight = normalisedMmoe(1);
  const expected = await train(straight, data, options);
  const dir = path.join(root, "interrupted");
  const first = normalisedMmoe(1);
  await train(first, data, { ...options, epochs: 2, checkpoint: { dir } });
  first.dispose();
  const resumed = normalisedMmoe(9);
  const actual = await train(resumed, data, { ...options, checkpoint: { dir, resume: true } });
  assert.deepEqual(weightsOf(resumed), weightsOf(straight));
  assert.deepEqual(state(resumed), state(straight));
  assert.deepEqual(withoutTiming(actual), withoutTiming(expected));
  straight.dispose();
  resumed.dispose();
});

for (const [label, build] of [
  ["mlp encoder", normalisedMlp],
  ["mmoe parts", normalisedMmoe],
] as const) {
  test(`restore-best puts back the best epoch's running statistics with its weights (${label})`, async () => {
    await initBackend({ backend: "cpu" });
    const model = build(1);
    let best: number[][] = [];
    let bestWeights: number[][] = [];
    const history = await train(model, makeDataset(3, 128), {
      epochs: 10,
      batchSize: 32,
      seed: 1,
      // An improvement of more than 1 in accuracy is impossible: epoch 0 stays the best.
      earlyStopping: { monitor: "a.accuracy", patience: 2, minDelta: 1 },
      onEpochEnd: (event) => {
        if (event.epoch === 0) [best, bestWeights] = [state(model), weightsOf(model)];
      },
    });
    assert.equal(history.best?.epoch, 0);
    assert.equal(history.stopped.epoch, 2);
    assert.deepEqual(weightsOf(model), bestWeights);
    assert.deepEqual(state(model), best, "the running statistics of epoch 0, not of epoch 2");
    assert.equal(history.final.validation!.metrics.a!.accuracy, history.epochs[0]!.validation!.metrics.a!.accuracy);
    model.dispose();
  });
}

test("train stops with batch-norm-single-sample when an epoch's last batch holds one sample", async () => {
  await initBackend({ backend: "cpu" });
  for (const build of [normalisedMmoe, normalisedMlp]) {
    const model = build(1);
    await assert.rejects(
      train(model, makeDataset(1, 65), { epochs: 1, batchSize: 32, seed: 1, ...quiet }),
      (error: MtlError) => error.code === "batch-norm-single-sample" && /65 % 32|size % batchSize/.test(error.message),
    );
    model.dispose();
  }
});

test("the running statistics move once per step whatever the weighting (a gradient method's T passes, FAMO's extra one)", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset(4, 32);
  for (const build of [normalisedMmoe, normalisedMlp]) {
    const after: number[][][] = [];
    for (const options of [
      {},
      { weighting: mgda(), gradientMode: "param" as const },
      { weighting: mgda(), gradientMode: "representation" as const },
      { weighting: famo() },
    ]) {
      const before = tf.memory().numTensors;
      const model = build(1);
      await train(model, data, { epochs: 1, batchSize: 32, seed: 1, ...quiet, ...options });
      after.push(state(model));
      model.dispose();
      assert.equal(tf.memory().numTensors, before, "nothing left behind, kept statistics included");
    }
    after.slice(1).forEach((moved, i) => assert.deepEqual(moved, after[0], `weighting ${i + 1} vs equal`));
  }
});
