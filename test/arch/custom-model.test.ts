// A trunk written in raw tfjs variables, or in tfjs-layers, becomes a MultiTaskModel in a few lines
// and trains with `train` — the same path every architecture of mtlkit takes.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { initBackend } from "../../src/backend";
import { hardSharing, layerStack, multiTaskModel, type MultiTaskModel } from "../../src/arch";
import { MtlError } from "../../src/errors";
import { train } from "../../src/train";
import { pcgrad } from "../../src/weighting";
import { makeDataset, tasks } from "../train/fixtures";

/** Trunk relu(x W), a linear head per task; the "a" head is 3 wide (3 classes), "b" is 1. */
function rawModel(seed: number): MultiTaskModel {
  // Variables outlive tidy; the random initial tensors do not.
  const w = tf.tidy(() => tf.variable(tf.randomNormal([4, 16], 0, 0.5, "float32", seed)));
  const head = tf.tidy(() => ({
    a: tf.variable(tf.randomNormal([16, 3], 0, 0.3, "float32", seed + 1)),
    b: tf.variable(tf.randomNormal([16, 1], 0, 0.3, "float32", seed + 2)),
  }));
  return multiTaskModel({
    name: "raw",
    tasks,
    inputShape: [4],
    representation: (x) => tf.relu(tf.matMul(x as tf.Tensor2D, w)),
    heads: (z) => ({ a: tf.matMul(z as tf.Tensor2D, head.a), b: tf.matMul(z as tf.Tensor2D, head.b) }),
    sharedVariables: [w],
    taskVariables: { a: [head.a], b: [head.b] },
  });
}

test("a trunk in raw tfjs variables trains with train (gradient method, representation mode too), leaving no tensor", async () => {
  await initBackend({ backend: "cpu" });
  const before = tf.memory().numTensors;
  for (const gradientMode of ["param", "representation"] as const) {
    const model = rawModel(1);
    const history = await train(model, makeDataset(1, 256), {
      epochs: 4,
      batchSize: 32,
      seed: 1,
      weighting: pcgrad(),
      gradientMode,
      validation: false,
      test: false,
    });
    const [first, last] = [history.epochs[0]!.train.total, history.epochs[3]!.train.total];
    assert.ok(last < 0.9 * first, `${gradientMode}: the training loss falls (${first} → ${last})`);
    model.dispose();
  }
  assert.equal(tf.memory().numTensors, before, "dispose frees every variable; no step leaks");
});

test("a trunk of tfjs-layers trains through hardSharing; the same seed gives the same weights", async () => {
  await initBackend({ backend: "cpu" });
  const build = () =>
    hardSharing({
      trunk: layerStack({
        layers: [tfl.layers.dense({ units: 16, activation: "relu" }), tfl.layers.dropout({ rate: 0.1 })],
        inputShape: [4],
      }),
      tasks,
      seed: 5,
    });
  const random = Math.random;
  const [one, two] = [build(), build()];
  assert.equal(Math.random, random, "building seeds Math.random only inside the build call, then restores it");
  assert.deepEqual(Array.from(one.sharedVariables[0]!.dataSync()), Array.from(two.sharedVariables[0]!.dataSync()));
  const history = await train(one, makeDataset(1, 256), {
    epochs: 3,
    batchSize: 32,
    seed: 1,
    validation: false,
    test: false,
  });
  assert.ok(history.epochs[2]!.train.total < history.epochs[0]!.train.total);
  one.dispose();
  two.dispose();
});

test("dropout masks come from the forward pass's seed, not from Math.random", async () => {
  await initBackend({ backend: "cpu" });
  const model = hardSharing({
    trunk: layerStack({ layers: [tfl.layers.dropout({ rate: 0.5 })], inputShape: [64] }),
    tasks,
    seed: 1,
  });
  const x = tf.ones([2, 64]);
  const random = Math.random;
  const mask = (seed: number) =>
    tf.tidy(() => Array.from(model.representation!({ x }, { training: true, seed }).dataSync()));
  assert.deepEqual(mask(3), mask(3));
  assert.notDeepEqual(mask(3), mask(4));
  assert.equal(Math.random, random);
  assert.deepEqual(
    tf.tidy(() => Array.from(model.representation!({ x }, { training: false, seed: 3 }).dataSync())),
    new Array(128).fill(1),
  );
  x.dispose();
  model.dispose();
});

test('one input reader: a missing input is "missing-input" for hardSharing and multiTaskModel alike', async () => {
  await initBackend({ backend: "cpu" });
  const image = tf.zeros([1, 4]);
  for (const model of [
    rawModel(1),
    hardSharing({ trunk: layerStack({ layers: [tfl.layers.dense({ units: 2 })], inputShape: [4] }), tasks, seed: 1 }),
  ]) {
    assert.throws(
      () => model.forward({ image }, { training: false }),
      (error: unknown) =>
        error instanceof MtlError &&
        error.code === "missing-input" &&
        /inputName to one of "image"/.test(error.message),
    );
    model.dispose();
  }
  image.dispose();
});

test("ready encoders and heads are seeded explicitly: building with a seed draws nothing from Math.random", async () => {
  await initBackend({ backend: "cpu" });
  const { mlp, lenet } = await import("../../src/arch");
  const random = Math.random;
  let draws = 0;
  Math.random = () => {
    draws++;
    return random();
  };
  try {
    const models = [
      hardSharing({
        trunk: mlp({ inputShape: [4], hidden: [8], dropout: 0.2, batchNorm: true }),
        tasks,
        head: { hidden: [4] },
        seed: 3,
      }),
      hardSharing({
        trunk: lenet({ inputShape: [12, 12, 1], filters: [2, 2], kernelSize: 3, units: 4 }),
        tasks,
        seed: 3,
      }),
    ];
    assert.equal(draws, 0);
    const again = hardSharing({
      trunk: mlp({ inputShape: [4], hidden: [8], dropout: 0.2, batchNorm: true }),
      tasks,
      head: { hidden: [4] },
      seed: 3,
    });
    assert.deepEqual(
      again.sharedVariables.map((v) => Array.from(v.dataSync())),
      models[0]!.sharedVariables.map((v) => Array.from(v.dataSync())),
    );
    [...models, again].forEach((model) => model.dispose());
  } finally {
    Math.random = random;
  }
});
