import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { inBatchSoftmax } from "../../src/tasks/losses/in-batch-softmax";
import { resolveTask, taskLoss } from "../../src/tasks";
import { throwsCode } from "./throws-code";

// Independent reference: the whole B × B score matrix at once, differentiated by tfjs's own autodiff.
function naive(outputs: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => naiveUntidied(outputs));
}

function naiveUntidied(outputs: tf.Tensor2D): tf.Tensor1D {
  const width = outputs.shape[1] / 2;
  const q = tf.slice(outputs, [0, 0], [-1, width]);
  const c = tf.slice(outputs, [0, width], [-1, width]);
  const scores = tf.matMul(q, c, false, true);
  return tf.sub(tf.logSumExp(scores, 1), tf.sum(tf.mul(q, c), 1)) as tf.Tensor1D;
}

const seeded = (rows: number, cols: number, seed: number): tf.Tensor2D =>
  tf.randomNormal([rows, cols], 0, 0.5, "float32", seed);

before(async () => {
  await initBackend({ backend: "cpu" });
});

test("in-batch softmax: the values of a hand computation", () => {
  // q = [[1, 0], [0, 2]], c = [[1, 1], [0, 1]]: scores [[1, 0], [2, 2]]
  const outputs = tf.tensor2d([
    [1, 0, 1, 1],
    [0, 2, 0, 1],
  ]);
  const loss = inBatchSoftmax.perSample(outputs, tf.tensor1d([0, 1])).arraySync();
  const expected = [Math.log(Math.E + 1) - 1, Math.log(2 * Math.exp(2)) - 2];
  loss.forEach((value, i) => assert.ok(Math.abs(value - (expected[i] as number)) < 1e-6, `${value} vs ${expected[i]}`));
  tf.dispose(outputs);
});

test("in-batch softmax: the gradient of a hand computation (∂ℓ/∂q_i = Σ_j p_ij c_j − c_i, ∂ℓ/∂c_j = Σ_i p_ij q_i − q_j)", () => {
  const outputs = tf.tensor2d([
    [1, 0, 1, 1],
    [0, 2, 0, 1],
  ]);
  const grad = tf.grad((o: tf.Tensor) => tf.sum(inBatchSoftmax.perSample(o as tf.Tensor2D, tf.tensor1d([0, 1]))))(
    outputs,
  );
  // p = softmax rows of [[1, 0], [2, 2]] = [[e/(e+1), 1/(e+1)], [1/2, 1/2]]
  const a = Math.E / (Math.E + 1);
  const b = 1 / (Math.E + 1);
  const q = [
    [1, 0],
    [0, 2],
  ];
  const c = [
    [1, 1],
    [0, 1],
  ];
  const p = [
    [a, b],
    [0.5, 0.5],
  ];
  const expected = [0, 1].map((i) => {
    const dq = [0, 1].map((d) => p[i]![0]! * c[0]![d]! + p[i]![1]! * c[1]![d]! - c[i]![d]!);
    const dc = [0, 1].map((d) => p[0]![i]! * q[0]![d]! + p[1]![i]! * q[1]![d]! - q[i]![d]!);
    return [...dq, ...dc];
  });
  const actual = grad.arraySync() as number[][];
  actual.flat().forEach((value, k) => assert.ok(Math.abs(value - expected.flat()[k]!) < 1e-6, `${k}: ${value}`));
  tf.dispose([outputs, grad]);
});

test("in-batch softmax: the gradient matches central finite differences (float64 on the host)", () => {
  const rows = 4;
  const width = 3;
  const values = Array.from(seeded(rows, 2 * width, 7).dataSync());
  const weights = [0.5, 1, 0, 2]; // a masked row and unequal upstream gradients
  const loss = (v: number[]): number => {
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const score = (j: number) => {
        let s = 0;
        for (let d = 0; d < width; d++) s += v[i * 2 * width + d]! * v[j * 2 * width + width + d]!;
        return s;
      };
      const scores = Array.from({ length: rows }, (_, j) => score(j));
      const top = Math.max(...scores);
      total += weights[i]! * (top + Math.log(scores.reduce((sum, s) => sum + Math.exp(s - top), 0)) - scores[i]!);
    }
    return total;
  };
  const outputs = tf.tensor2d(values, [rows, 2 * width]);
  const w = tf.tensor1d(weights);
  const grad = tf.grad((o: tf.Tensor) => tf.sum(tf.mul(inBatchSoftmax.perSample(o as tf.Tensor2D, w), w)))(outputs);
  const analytic = grad.dataSync();
  const h = 1e-5;
  values.forEach((_, k) => {
    const plus = [...values];
    const minus = [...values];
    plus[k]! += h;
    minus[k]! -= h;
    const numeric = (loss(plus) - loss(minus)) / (2 * h);
    assert.ok(Math.abs(numeric - analytic[k]!) < 2e-4, `entry ${k}: ${analytic[k]} vs ${numeric}`);
  });
  tf.dispose([outputs, w, grad]);
});

test("in-batch softmax: chunked value and gradient equal tfjs autodiff of the whole matrix (B = 2100 crosses chunks)", () => {
  const outputs = seeded(2100, 8, 3);
  const dy = tf.randomUniform([2100], 0, 1, "float32", 4);
  const before = tf.memory().numTensors;
  const [mine, reference] = [inBatchSoftmax.perSample, naive].map((f) => {
    const value = f(outputs, dy) as tf.Tensor1D;
    const grad = tf.grad((o: tf.Tensor) => tf.sum(tf.mul(f(o as tf.Tensor2D, dy), dy)))(outputs);
    return [value, grad] as const;
  }) as [readonly [tf.Tensor, tf.Tensor], readonly [tf.Tensor, tf.Tensor]];
  const gap = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
  assert.ok(gap(mine[0], reference[0]) < 1e-4, "values");
  assert.ok(gap(mine[1], reference[1]) < 1e-5, "gradients");
  tf.dispose([...mine, ...reference]);
  assert.equal(tf.memory().numTensors, before, "no tensor leaks");
  tf.dispose([outputs, dy]);
});

test("in-batch softmax: a task weighted 0 gets a zero gradient, and masked rows count nothing", () => {
  const outputs = seeded(6, 4, 5);
  const grad = tf.grad((o: tf.Tensor) => tf.mul(tf.sum(inBatchSoftmax.perSample(o as tf.Tensor2D, o)), 0))(outputs);
  assert.equal(tf.max(tf.abs(grad)).dataSync()[0], 0);
  const task = resolveTask({ name: "movie", kind: "retrieval", size: 2, candidates: 10, topK: 5 });
  const mask = tf.tensor1d([1, 1, 1, 0, 0, 0]);
  const masked = taskLoss(task, outputs, tf.zeros([6]), mask).dataSync()[0] as number;
  const perSample = inBatchSoftmax.perSample(outputs, outputs).dataSync();
  assert.ok(Math.abs(masked - (perSample[0]! + perSample[1]! + perSample[2]!) / 3) < 1e-6);
  tf.dispose([outputs, grad, mask]);
});

test("a retrieval task needs its catalogue, and K no larger than it", () => {
  throwsCode(() => resolveTask({ name: "movie", kind: "retrieval", size: 32 }), "missing-candidates", /catalogue/);
  throwsCode(
    () => resolveTask({ name: "movie", kind: "retrieval", size: 32, candidates: 1682, topK: 2000 }),
    "bad-top-k",
    /topK 2000, expected an integer in \[1, 1682\]/,
  );
  assert.equal(resolveTask({ name: "movie", kind: "retrieval", size: 32, candidates: 1682 }).topK, 100);
  assert.equal(resolveTask({ name: "movie", kind: "retrieval", size: 32, candidates: 1682 }).outputWidth, 64);
});
