// The two guards against the seeds' classification-head mistakes: a head that already ends in a
// softmax (warned once per task, counted) and a classification head of one unit (refused).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { resetWarnings, warningCounts } from "../../src/errors";
import { throwsCode } from "./throws-code";
import { resolveTask, resolveTasks, validateOutputs, warnIfProbabilities, type Task } from "../../src/tasks";
import { datasetFromArrays } from "../../src/data";
import { hardSharing, mlp } from "../../src/arch";
import type { MultiTaskModel } from "../../src/arch/types";
import { train } from "../../src/train";

const tasks: Task[] = [
  { name: "digit", kind: "classification", classes: 3 },
  { name: "spam", kind: "binary" },
];

test("probability-looking classification outputs warn once per task and count repeats", async () => {
  await initBackend({ backend: "cpu" });
  resetWarnings();
  const before = tf.memory().numTensors;
  const resolved = resolveTasks(tasks);
  const softmaxed = tf.tidy(() =>
    tf.softmax(
      tf.tensor2d([
        [1, 2, 3],
        [0, 0, 5],
      ]),
    ),
  );
  const spam = tf.tensor2d([[1], [0]]); // a binary head at exactly 0 and 1 is not the pitfall
  validateOutputs(resolved, { digit: softmaxed, spam });
  validateOutputs(resolved, { digit: softmaxed, spam });
  assert.equal(warningCounts().get("probability-outputs:digit"), 2);
  assert.equal(warningCounts().get("probability-outputs:spam"), undefined);
  tf.dispose([softmaxed, spam]);
  assert.equal(tf.memory().numTensors, before);
  resetWarnings();
});

test("logits, and rows that are in [0, 1] but do not sum to 1, do not warn", async () => {
  await initBackend({ backend: "cpu" });
  resetWarnings();
  const cases = [
    [
      [2, -1, 0.5],
      [0.1, 0.2, 0.3],
    ], // logits
    [
      [0.2, 0.3, 0.4],
      [0.5, 0.25, 0.25],
    ], // first row sums to 0.9
    [
      [0.5, 0.5, 0],
      [0, 0, 1.5],
    ], // second row leaves [0, 1]
  ];
  for (const rows of cases) {
    const output = tf.tensor2d(rows);
    assert.equal(warnIfProbabilities("digit", output), false, JSON.stringify(rows));
    output.dispose();
  }
  const output = tf.tensor2d([
    [0.5, 0.5, 0],
    [0, 0, 1],
  ]);
  assert.equal(warnIfProbabilities("digit", output), true);
  output.dispose();
  assert.equal(warningCounts().get("probability-outputs:digit"), 1);
  resetWarnings();
});

test("a one-unit classification head is refused, with the fix: kind binary or two classes", async () => {
  await initBackend({ backend: "cpu" });
  const message = new RegExp(
    '^task "score" has kind "classification" but (classes: 1|its head outputs one value per sample): ' +
      "a softmax over one unit is always 1, so the cross-entropy is 0 whatever the target and nothing trains; " +
      'use kind "binary" .*classes: 2 or more.*kind "regression"',
  );
  const oneClass: Task = { name: "score", kind: "classification", classes: 1 };
  throwsCode(() => resolveTask(oneClass), "single-unit-classification", message);
  const resolved = resolveTasks([{ name: "score", kind: "classification", classes: 10 }]);
  const output = tf.zeros([4, 1]);
  throwsCode(() => validateOutputs(resolved, { score: output }), "single-unit-classification", message);
  output.dispose();
});

test("the seed's case: cross-entropy through one logit is exactly 0 and its gradient is 0", async () => {
  await initBackend({ backend: "cpu" });
  const logits = tf.tensor2d([[0.3], [-2], [5]]);
  const target = tf.tensor2d([[1.7], [-0.4], [0.9]]); // continuous targets, as in seed 004
  // -Σ_k y_k log softmax(z)_k, the definition PyTorch differentiates; one unit: log softmax(z) = 0
  const crossEntropy = (z: tf.Tensor) => tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(z)), 1)));
  const { value, grads } = tf.valueAndGrads(crossEntropy)([logits]);
  assert.equal(Math.abs(value.dataSync()[0] as number), 0);
  assert.deepEqual(Array.from(grads[0]?.dataSync() ?? []).map(Math.abs), [0, 0, 0]);
  const fused = tf.losses.softmaxCrossEntropy(target, logits);
  assert.equal(fused.dataSync()[0], 0);
  tf.dispose([logits, target, value, fused, ...grads]);
});

test("train warns once when a model's classification head ends in a softmax, and refuses a one-unit head", async () => {
  await initBackend({ backend: "cpu" });
  resetWarnings();
  const data = datasetFromArrays({
    tasks: [{ name: "digit", kind: "classification", classes: 3 }],
    inputs: { x: { values: Float32Array.from({ length: 16 }, (_, i) => i / 16), shape: [2] } },
    targets: { digit: { values: Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1]) } },
  });
  const model = hardSharing({ trunk: mlp({ inputShape: [2], hidden: [4] }), tasks: data.tasks, seed: 1 });
  const softmaxed: MultiTaskModel = {
    ...model,
    forward: (inputs, options) => ({
      digit: tf.tidy(() => tf.softmax(model.forward(inputs, options).digit as tf.Tensor)),
    }),
  };
  await train(softmaxed, data, { epochs: 1, batchSize: 4, seed: 1 });
  await train(softmaxed, data, { epochs: 1, batchSize: 4, seed: 1 });
  assert.equal(warningCounts().get("probability-outputs:digit"), 2);
  const oneUnit: MultiTaskModel = { ...model, forward: () => ({ digit: tf.zeros([2, 1]) }) };
  await assert.rejects(
    train(oneUnit, data, { epochs: 1 }),
    (error: unknown) => error instanceof Error && (error as { code?: string }).code === "single-unit-classification",
  );
  model.dispose();
  resetWarnings();
});
