// Distillation losses: values by hand, gradients by hand and by central finite differences (float64
// on the host), the τ² scaling, and the bad-input errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import {
  binaryDistillationLoss,
  distillationLoss,
  distillationTaskLoss,
  hintLoss,
  regressionDistillationLoss,
} from "../../src/distill";
import { throwsCode } from "../tasks/throws-code";

const student = [
  [0.3, -1.2, 2.0],
  [1.5, 0.1, -0.4],
];
const teacher = [
  [1.0, 0.5, -2.0],
  [-0.3, 2.2, 0.7],
];

function softmax(row: number[], tau: number): number[] {
  const scaled = row.map((v) => v / tau);
  const max = Math.max(...scaled);
  const exps = scaled.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

/** τ²·mean_b KL(softmax(t_b/τ) ‖ softmax(s_b/τ)) in float64. */
function byHand(s: number[][], t: number[][], tau: number): number {
  let total = 0;
  s.forEach((row, b) => {
    const p = softmax(t[b]!, tau),
      q = softmax(row, tau);
    total += p.reduce((acc, pc, c) => acc + pc * Math.log(pc / q[c]!), 0);
  });
  return (tau * tau * total) / s.length;
}

for (const backend of ["cpu", "wasm"] as const) {
  test(`${backend}: distillationLoss equals τ²·KL by hand, for several τ`, async () => {
    await initBackend({ backend });
    for (const tau of [0.5, 1, 2, 5]) {
      const value = tf.tidy(
        () => distillationLoss(tf.tensor2d(student), tf.tensor2d(teacher), { temperature: tau }).dataSync()[0]!,
      );
      assert.ok(
        Math.abs(value - byHand(student, teacher, tau)) < 1e-5 * Math.max(1, byHand(student, teacher, tau)),
        `τ=${tau}: ${value}`,
      );
    }
    const same = tf.tidy(
      () => distillationLoss(tf.tensor2d(teacher), tf.tensor2d(teacher), { temperature: 3 }).dataSync()[0]!,
    );
    assert.ok(Math.abs(same) < 1e-6);
  });

  test(`${backend}: its gradient is τ·(softmax(s/τ) − softmax(t/τ))/B, and matches finite differences`, async () => {
    await initBackend({ backend });
    const before = tf.memory().numTensors;
    for (const tau of [1, 4]) {
      const grad = tf.tidy(() => {
        const t = tf.tensor2d(teacher);
        return tf
          .grad((s: tf.Tensor) => distillationLoss(s, t, { temperature: tau }))(tf.tensor2d(student))
          .arraySync() as number[][];
      });
      const h = 1e-5;
      student.forEach((row, b) => {
        const p = softmax(teacher[b]!, tau),
          q = softmax(row, tau);
        row.forEach((_, c) => {
          const closed = (tau * (q[c]! - p[c]!)) / student.length;
          const plus = student.map((r) => [...r]),
            minus = student.map((r) => [...r]);
          plus[b]![c]! += h;
          minus[b]![c]! -= h;
          const numeric = (byHand(plus, teacher, tau) - byHand(minus, teacher, tau)) / (2 * h);
          assert.ok(Math.abs(grad[b]![c]! - closed) < 1e-5, `τ=${tau} [${b},${c}]: ${grad[b]![c]} vs closed ${closed}`);
          assert.ok(
            Math.abs(grad[b]![c]! - numeric) < 1e-4,
            `τ=${tau} [${b},${c}]: ${grad[b]![c]} vs numeric ${numeric}`,
          );
        });
      });
    }
    assert.equal(tf.memory().numTensors, before);
  });

  test(`${backend}: the τ² factor keeps the gradient's scale — without it the gradient would shrink like 1/τ²`, async () => {
    await initBackend({ backend });
    // For large τ, softmax(z/τ) ≈ (1 + (z − mean z)/τ)/C, so τ·(q − p) tends to (s − t − mean(s − t))/C: constant in τ.
    const norms = [10, 100].map((tau) =>
      tf.tidy(() => {
        const t = tf.tensor2d(teacher);
        const g = tf.grad((s: tf.Tensor) => distillationLoss(s, t, { temperature: tau }))(tf.tensor2d(student));
        return tf.norm(g).dataSync()[0]!;
      }),
    );
    assert.ok(Math.abs(norms[0]! / norms[1]! - 1) < 0.02, `gradient norms at τ = 10 and 100: ${norms}`);
    const limit = Math.hypot(
      ...student.flatMap((row, b) => {
        const d = row.map((v, c) => v - teacher[b]![c]!);
        const mean = d.reduce((a, x) => a + x, 0) / d.length;
        return d.map((x) => (x - mean) / d.length / student.length);
      }),
    );
    assert.ok(Math.abs(norms[1]! - limit) < 0.01 * limit, `${norms[1]} vs the large-τ limit ${limit}`);
  });
}

test("binary and regression counterparts, and the hint loss, by hand", async () => {
  await initBackend({ backend: "cpu" });
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  const tau = 2,
    s = [0.4, -1.1],
    t = [1.3, 0.2];
  const expected =
    (tau *
      tau *
      s.reduce((acc, sv, k) => {
        const p = sigmoid(t[k]! / tau),
          q = sigmoid(sv / tau);
        return acc + p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
      }, 0)) /
    2;
  const binary = tf.tidy(
    () => binaryDistillationLoss(tf.tensor2d([s]), tf.tensor2d([t]), { temperature: tau }).dataSync()[0]!,
  );
  assert.ok(Math.abs(binary - expected) < 1e-6, `${binary} vs ${expected}`);
  const regression = tf.tidy(
    () =>
      regressionDistillationLoss(
        tf.tensor2d([
          [1, 2],
          [0, 0],
        ]),
        tf.tensor2d([
          [0, 0],
          [0, 3],
        ]),
      ).dataSync()[0]!,
  );
  assert.ok(Math.abs(regression - (1 + 4 + 9) / 4) < 1e-6);
  const hint = tf.tidy(
    () =>
      hintLoss(
        tf.tensor2d([
          [1, 2],
          [0, 0],
        ]),
        tf.tensor2d([
          [0, 0],
          [0, 3],
        ]),
      ).dataSync()[0]!,
  );
  assert.ok(Math.abs(hint - (0.5 * (5 + 9)) / 2) < 1e-6);
});

test("the task loss mixes teacher and gold with λ, and at λ = 0 equals distillationLoss", async () => {
  await initBackend({ backend: "cpu" });
  const task = { name: "left", kind: "classification" as const, classes: 3 };
  const annealing = { totalSteps: 4, lambda: 0, at: () => 0, onStep: () => undefined };
  const loss = distillationTaskLoss(task, { temperature: 2, annealing });
  const gold = [2, 0];
  const targets = tf.tensor2d(teacher.map((row, b) => [...row, gold[b]!]));
  const at = (lambda: number) => {
    annealing.lambda = lambda;
    return tf.tidy(() => tf.mean(loss.perSample(tf.tensor2d(student), targets)).dataSync()[0]!);
  };
  const soft = byHand(student, teacher, 2);
  const hard = student.reduce((acc, row, b) => acc - Math.log(softmax(row, 1)[gold[b]!]!), 0) / 2;
  assert.ok(Math.abs(at(0) - soft) < 1e-5);
  assert.ok(Math.abs(at(1) - hard) < 1e-5);
  assert.ok(Math.abs(at(0.25) - (0.75 * soft + 0.25 * hard)) < 1e-5);
  targets.dispose();
});

test("bad input: temperature ≤ 0, shapes that differ", async () => {
  await initBackend({ backend: "cpu" });
  const s = tf.tensor2d(student),
    t = tf.tensor2d(teacher),
    narrow = tf.tensor2d([[1, 2]]);
  throwsCode(() => distillationLoss(s, t, { temperature: 0 }), "bad-temperature", /temperature 0 .*> 0/);
  throwsCode(() => distillationLoss(s, t, { temperature: -1 }), "bad-temperature", /temperature -1/);
  throwsCode(() => distillationLoss(s, narrow), "teacher-shape-mismatch", /\[2, 3\].*\[1, 2\]/);
  throwsCode(
    () => distillationTaskLoss({ name: "r", kind: "ranking", size: 3 }),
    "distillation-kind-unsupported",
    /task "r" has kind "ranking"/,
  );
  tf.dispose([s, t, narrow]);
});
