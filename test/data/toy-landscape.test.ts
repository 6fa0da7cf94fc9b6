import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { toyAverageMinimum, toyLossAndGradients, toyLosses, toyStarts } from "../../src/data/toy-landscape";
import { toyTrajectory } from "../../src/viz/toy-trajectory";
import { aggregate, cagrad, equal, mgda, nashMtl } from "../../src/weighting";

/** ‖min-norm point of conv{∇L₁, ∇L₂}‖: 0 exactly at Pareto-stationary points. */
function stationarity(x: readonly [number, number], scale = 1): number {
  const { gradients } = toyLossAndGradients(x[0], x[1], { scale });
  const { direction } = aggregate(mgda(), [gradients.subarray(0, 2), gradients.subarray(2, 4)]);
  return Math.hypot(direction[0] as number, direction[1] as number);
}

test("the tfjs losses and tf.grad agree with the closed form, with no tensor leak", async () => {
  await initBackend({ backend: "cpu" });
  const before = tf.memory().numTensors;
  for (const scale of [1, 0.1]) {
    for (const [x1, x2] of [
      [-8.5, 7.5],
      [0, 0],
      [9, -1],
      [3.2, -8.3],
      [-7, 0.4],
      [1, -3],
    ] as const) {
      const exact = toyLossAndGradients(x1, x2, { scale });
      tf.tidy(() => {
        const x = tf.tensor1d([x1, x2]);
        const values = toyLosses(x, { scale }).map((l) => l.dataSync()[0] as number);
        [0, 1].forEach((t) => {
          assert.ok(
            Math.abs((values[t] as number) - (exact.losses[t] as number)) < 1e-4,
            `loss ${t} at (${x1}, ${x2})`,
          );
          const grad = tf
            .grad((v: tf.Tensor) => toyLosses(v as tf.Tensor1D, { scale })[t] as tf.Scalar)(x)
            .dataSync();
          [0, 1].forEach((k) =>
            assert.ok(
              Math.abs((grad[k] as number) - (exact.gradients[2 * t + k] as number)) <
                1e-4 * Math.max(1, Math.abs(grad[k] as number)),
              `∂L${t}/∂x${k} at (${x1}, ${x2})`,
            ),
          );
        });
      });
    }
  }
  assert.equal(tf.memory().numTensors, before);
});

test("the average loss has its minimum near (0, −8.355)", () => {
  const mean = (a: number, b: number) => {
    const { losses } = toyLossAndGradients(a, b);
    return ((losses[0] as number) + (losses[1] as number)) / 2;
  };
  let best = [0, 0, Infinity];
  for (let a = -10; a <= 10; a += 0.05)
    for (let b = -10; b <= 10; b += 0.05) if (mean(a, b) < (best[2] as number)) best = [a, b, mean(a, b)];
  for (let a = best[0]! - 0.05; a <= best[0]! + 0.05; a += 0.0005)
    for (let b = best[1]! - 0.05; b <= best[1]! + 0.05; b += 0.0005)
      if (mean(a, b) < best[2]!) best = [a, b, mean(a, b)];
  assert.ok(Math.abs(best[0]!) < 1e-3 && Math.abs(best[1]! - toyAverageMinimum[1]) < 1e-3, `minimum at ${best}`);
});

test("CAGrad paper, Adam lr 1e-3 for 100k steps: the mean gradient stalls from 2 of 3 starts; CAGrad reaches the average-loss minimum from all", () => {
  const stalled = toyStarts.cagrad.filter((start) => stationarity(toyTrajectory(equal(), start).end) > 1e-3);
  assert.equal(stalled.length, 2, `stalled from ${JSON.stringify(stalled)}`);
  for (const start of toyStarts.cagrad) {
    const { end } = toyTrajectory(cagrad({ c: 0.5, rescale: "1+c" }), start);
    assert.ok(
      Math.hypot(end[0] - toyAverageMinimum[0], end[1] - toyAverageMinimum[1]) < 0.01,
      `CAGrad from ${start} ended at ${end}`,
    );
  }
});

test("Nash-MTL paper, task 1 scaled by 0.1, 35k Adam steps: Nash-MTL reaches the Pareto front from every start", () => {
  for (const start of toyStarts.nashMtl) {
    const { end } = toyTrajectory(nashMtl(), start, { scale: 0.1, steps: 35_000 });
    assert.ok(stationarity(end, 0.1) < 1e-3, `from ${start} ended at ${end}, not Pareto-stationary`);
    assert.ok(Math.abs(end[0]) <= 7 && end[1] > -8.5 && end[1] < -8.3, `from ${start} ended at ${end}`);
  }
});
