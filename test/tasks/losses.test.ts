import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { lossFunctions, resolveTask, taskLoss, activateOutput } from "../../src/tasks";

const close = (actual: ArrayLike<number>, expected: number[], tolerance = 1e-5): void => {
  assert.equal(actual.length, expected.length);
  expected.forEach((value, i) =>
    assert.ok(Math.abs((actual[i] as number) - value) < tolerance, `${actual[i]} vs ${value} at ${i}`),
  );
};

test("every loss matches hand-computed per-sample values", async () => {
  await initBackend({ backend: "cpu" });
  const before = tf.memory().numTensors;
  const run = (name: keyof typeof lossFunctions, outputs: number[][], targets: tf.Tensor): Float32Array => {
    const values = tf.tidy(
      () => lossFunctions[name].perSample(tf.tensor2d(outputs), targets).dataSync() as Float32Array,
    );
    targets.dispose();
    return values;
  };
  // −log softmax: [ln 2, ln(1 + e^{-2}) for the right class of [2, 0]]
  close(
    run(
      "crossEntropy",
      [
        [0, 0],
        [2, 0],
      ],
      tf.tensor1d([1, 0], "int32"),
    ),
    [Math.log(2), Math.log(1 + Math.exp(-2))],
  );
  // −y log σ(x) − (1−y) log(1−σ(x)), averaged over the two outputs
  const bce = (x: number, y: number): number =>
    -(y * Math.log(1 / (1 + Math.exp(-x))) + (1 - y) * Math.log(1 - 1 / (1 + Math.exp(-x))));
  close(
    run(
      "binaryCrossEntropy",
      [
        [0, 3],
        [-2, 40],
      ],
      tf.tensor2d([
        [1, 0],
        [0, 1],
      ]),
    ),
    [(bce(0, 1) + bce(3, 0)) / 2, (bce(-2, 0) + 0) / 2],
  );
  close(run("mse", [[1, 3]], tf.tensor2d([[0, 0]])), [5]);
  close(run("mae", [[1, -3]], tf.tensor2d([[0, 0]])), [2]);
  close(run("smoothL1", [[0.5, 3]], tf.tensor2d([[0, 0]])), [(0.125 + 2.5) / 2]);
  const softmax = (v: number[]): number[] => v.map((x) => Math.exp(x) / v.reduce((s, y) => s + Math.exp(y), 0));
  const p = softmax([2, 1, 0]);
  const q = softmax([0.5, 0, 1]);
  close(run("listNet", [[0.5, 0, 1]], tf.tensor2d([[2, 1, 0]])), [
    -p.reduce((s, pi, i) => s + pi * Math.log(q[i] as number), 0),
  ]);
  assert.equal(tf.memory().numTensors, before);
});

test("the smooth-L1 gradient matches finite differences", async () => {
  await initBackend({ backend: "cpu" });
  const targets = tf.tensor2d([[0, 0, 0, 0]]);
  const f = (x: tf.Tensor): tf.Scalar =>
    tf.sum(lossFunctions.smoothL1.perSample(x as tf.Tensor2D, targets)) as tf.Scalar;
  const x = tf.tensor2d([[0.3, -0.7, 2.5, -1.5]]);
  const analytic = tf.grad(f)(x).dataSync();
  const h = 1e-3;
  const values = Array.from(x.dataSync());
  values.forEach((_, i) => {
    const plus = values.slice();
    const minus = values.slice();
    plus[i] = (plus[i] as number) + h;
    minus[i] = (minus[i] as number) - h;
    const numeric = (f(tf.tensor2d([plus])).dataSync()[0]! - f(tf.tensor2d([minus])).dataSync()[0]!) / (2 * h);
    assert.ok(Math.abs(numeric - analytic[i]!) < 1e-3, `${numeric} vs ${analytic[i]}`);
  });
});

test("taskLoss averages over labelled samples only; a batch without labels gives 0", async () => {
  await initBackend({ backend: "cpu" });
  const task = resolveTask({ name: "rating", kind: "regression" });
  const value = (mask?: number[]): number =>
    tf.tidy(
      () =>
        taskLoss(
          task,
          tf.tensor2d([[1], [5], [3]]),
          tf.tensor1d([0, 0, 0]),
          mask && tf.tensor1d(mask),
        ).dataSync()[0] as number,
    );
  close([value(), value([1, 0, 1]), value([0, 0, 0])], [(1 + 25 + 9) / 3, (1 + 9) / 2, 0]);
  const classes = resolveTask({ name: "digit", kind: "classification", classes: 2 });
  const ce = tf.tidy(
    () =>
      taskLoss(
        classes,
        tf.tensor2d([
          [0, 0],
          [9, -9],
        ]),
        tf.tensor1d([1, 1], "int32"),
        tf.tensor1d([1, 0]),
      ).dataSync()[0],
  );
  assert.ok(Math.abs((ce as number) - Math.log(2)) < 1e-6);
});

test("activateOutput applies softmax, sigmoid or identity by kind", async () => {
  await initBackend({ backend: "cpu" });
  const raw = tf.tensor2d([[0, Math.log(3)]]);
  close(activateOutput({ name: "c", kind: "classification", classes: 2 }, raw).dataSync(), [0.25, 0.75]);
  close(activateOutput({ name: "m", kind: "multilabel", classes: 2 }, raw).dataSync(), [0.5, 0.75]);
  close(activateOutput({ name: "r", kind: "regression", size: 2 }, raw).dataSync(), [0, Math.log(3)]);
});
