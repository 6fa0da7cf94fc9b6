// Guards added for the seeds' bug drill (lesson 12): evaluation on the training split, and a trunk
// whose output is a classifier's probabilities.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { resetWarnings, warningCounts } from "../../src/errors";
import * as tfl from "@tensorflow/tfjs-layers";
import { hardSharing, layerStack, mlp } from "../../src/arch";
import { checkHeldOut, train, warnIfProbabilityFeatures } from "../../src/train";
import { makeDataset, makeModel, tasks, rejectsCode } from "./fixtures";

test("train refuses a validation or test split that is the training split, before any step", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset();
  const model = makeModel();
  const before = model.sharedVariables.map((v) => Array.from(v.dataSync()));
  await rejectsCode(
    train(model, { ...data, test: data.train }, { epochs: 1 }),
    "evaluation-on-training-data",
    /the test split is the training split itself.*; hold samples out/,
  );
  await rejectsCode(
    train(model, data.train, { epochs: 1, validation: data.train }),
    "evaluation-on-training-data",
    /validation split/,
  );
  // a copy of the split object that keeps the same input arrays is the same samples
  const copy = { ...data.train, targets: { ...data.train.targets } };
  await rejectsCode(
    train(model, { ...data, validation: copy }, { epochs: 1 }),
    "evaluation-on-training-data",
    /validation/,
  );
  assert.deepEqual(
    model.sharedVariables.map((v) => Array.from(v.dataSync())),
    before,
    "no step was taken",
  );
  model.dispose();
});

test("checkHeldOut accepts held-out splits, absent splits and splits whose arrays are copies", () => {
  const data = makeDataset();
  checkHeldOut(data.train, { validation: data.validation, test: data.test });
  checkHeldOut(data.train, {});
  const copied = {
    ...data.train,
    inputs: { x: { ...data.train.inputs.x!, values: data.train.inputs.x!.values.slice() } },
  };
  checkHeldOut(data.train, { test: copied });
});

test("warnIfProbabilityFeatures: softmax rows warn once per model; features, one column and rank 4 do not", () => {
  resetWarnings();
  const rows = tf.tensor2d([
    [0.2, 0.8],
    [1, 0],
  ]);
  assert.equal(warnIfProbabilityFeatures("m", rows), true);
  assert.equal(warnIfProbabilityFeatures("m", rows), true);
  assert.equal(warningCounts().get("probability-features:m"), 2, "counted, printed once");
  const notProbabilities = [
    tf.tensor2d([
      [0.2, 0.7],
      [1, 0],
    ]), // a row sums to 0.9
    tf.tensor2d([
      [1.2, -0.2],
      [0.5, 0.5],
    ]), // sums to 1 but leaves [0, 1]
    tf.tensor2d([[1], [1]]), // one column
    tf.fill([2, 1, 1, 2], 0.5), // a feature map
  ];
  for (const tensor of notProbabilities) assert.equal(warnIfProbabilityFeatures("n", tensor), false);
  assert.equal(warningCounts().get("probability-features:n"), undefined);
  tf.dispose([rows, ...notProbabilities]);
});

test("train warns when a hard-sharing trunk ends in a softmax (include_top=True), not for a relu trunk", async () => {
  await initBackend({ backend: "cpu" });
  resetWarnings();
  const data = makeDataset();
  const tensorsBefore = tf.memory().numTensors;
  const plain = makeModel();
  await train(plain, data, { epochs: 1, batchSize: 64 });
  plain.dispose();
  assert.equal(
    [...warningCounts().keys()].some((key) => key.startsWith("probability-features")),
    false,
  );
  const layers = [
    tfl.layers.dense({ units: 8, activation: "relu" }),
    tfl.layers.dense({ units: 5, activation: "softmax" }),
  ];
  const onTop = hardSharing({ trunk: layerStack({ inputShape: [4], layers }), tasks, seed: 1 });
  await train(onTop, data, { epochs: 1, batchSize: 64 });
  assert.equal(warningCounts().get(`probability-features:${onTop.name}`), 1);
  onTop.dispose();
  assert.equal(tf.memory().numTensors, tensorsBefore, "the check frees what it computes");
});

test('mlp warns once ("linear-trunk") for activation "linear", and its layers compose to one matrix', () => {
  resetWarnings();
  const relu = mlp({ inputShape: [3], hidden: [4], seed: 1 });
  assert.equal(warningCounts().get("linear-trunk"), undefined);
  const linear = mlp({ inputShape: [3], hidden: [4, 2], activation: "linear", seed: 1 });
  assert.equal(warningCounts().get("linear-trunk"), 1);
  linear.build();
  const [w1, b1, w2, b2] = linear.variables() as tf.Tensor[];
  const x = tf.tensor2d([
    [1, -2, 0.5],
    [0, 3, -1],
  ]);
  const gap = tf.tidy(() => {
    const oneMatrix = tf.add(tf.matMul(x, tf.matMul(w1!, w2!)), tf.add(tf.matMul(tf.reshape(b1!, [1, 4]), w2!), b2!));
    return tf.max(tf.abs(tf.sub(linear.apply(x, { training: false }), oneMatrix))).dataSync()[0]!;
  });
  assert.ok(gap < 1e-5, `two linear layers differ from one matrix by ${gap}`);
  tf.dispose(x);
  [relu, linear].forEach((encoder) => encoder.dispose());
});
