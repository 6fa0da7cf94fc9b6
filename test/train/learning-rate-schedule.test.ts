import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { MtlError } from "../../src/errors";
import { linearDecay, setLearningRate, train } from "../../src/train";
import { makeDataset, makeModel, weightsOf, withoutTiming } from "./fixtures";

test("linearDecay warms up, then falls on a straight line to its final factor at the last step", () => {
  const schedule = linearDecay({ final: 0.1 });
  assert.equal(schedule(0, 100), 1);
  assert.ok(Math.abs(schedule(50, 100) - (1 - 0.9 * (50 / 99))) < 1e-15);
  assert.ok(Math.abs(schedule(99, 100) - 0.1) < 1e-15);
  assert.ok(Math.abs(schedule(150, 100) - 0.1) < 1e-15, "past the end it stays at final");
  const warm = linearDecay({ warmupSteps: 4 });
  assert.deepEqual(
    [0, 1, 2, 3].map((step) => warm(step, 14)),
    [0.25, 0.5, 0.75, 1],
  );
  assert.equal(warm(13, 14), 0);
  assert.equal(warm(4, 14), 1, "the decay starts at the full rate after the warm-up");
  assert.ok(Math.abs(warm(7, 14) - 2 / 3) < 1e-15, "a third of the way from step 4 to the last step (13)");
  for (const bad of [{ warmupSteps: -1 }, { warmupSteps: 1.5 }, { final: 2 }]) {
    assert.throws(
      () => linearDecay(bad),
      (error: unknown) =>
        error instanceof MtlError && error.code === "bad-option" && /linearDecay needs/.test(error.message),
    );
  }
});

test("setLearningRate changes the rate of SGD (a cached tensor) and Adam (a field) in place", async () => {
  await initBackend({ backend: "cpu" });
  const step = (optimizer: tf.Optimizer) => {
    const x = tf.variable(tf.scalar(1));
    optimizer.applyGradients({ [x.name]: tf.scalar(1) });
    const value = x.dataSync()[0] as number;
    x.dispose();
    return value;
  };
  const sgd = tf.train.sgd(0.1);
  setLearningRate(sgd, 0.25);
  assert.equal(step(sgd), 0.75);
  const adam = tf.train.adam(0.1);
  setLearningRate(adam, 0.5);
  const fresh = tf.train.adam(0.5);
  const moved = step(adam);
  assert.equal(moved, step(fresh), "the same step as an Adam built with the new rate");
  assert.ok(Math.abs(moved - 0.5) < 1e-4, "Adam's first step moves by about the rate");
  [sgd, adam, fresh].forEach((optimizer) => optimizer.dispose());
});

test("a schedule multiplies every group's rate: factor ½ equals halving the rates, factor 0 freezes the model", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset(2, 200);
  for (const type of ["sgd", "adam"] as const) {
    const calls: [number, number][] = [];
    const halved = makeModel(4);
    const scheduled = await train(halved, data, {
      epochs: 2,
      batchSize: 64,
      seed: 1,
      optimizer: { type, learningRate: 0.1 },
      learningRates: { shared: 0.02 },
      learningRateSchedule: (step, total) => (calls.push([step, total]), 0.5),
    });
    const plain = makeModel(4);
    const reference = await train(plain, data, {
      epochs: 2,
      batchSize: 64,
      seed: 1,
      optimizer: { type, learningRate: 0.05 },
      learningRates: { shared: 0.01 },
    });
    assert.deepEqual(withoutTiming(scheduled), withoutTiming(reference), `${type}: same history`);
    assert.deepEqual(weightsOf(halved), weightsOf(plain), `${type}: same weights`);
    assert.deepEqual(
      calls,
      Array.from({ length: 8 }, (_, step) => [step, 8]),
      "4 batches × 2 epochs, called once per step",
    );
    const frozen = makeModel(4);
    const before = weightsOf(frozen);
    await train(frozen, data, {
      epochs: 1,
      batchSize: 64,
      optimizer: { type, learningRate: 0.1 },
      learningRateSchedule: () => 0,
    });
    assert.deepEqual(weightsOf(frozen), before, `${type}: a zero factor changes nothing`);
    [halved, plain, frozen].forEach((model) => model.dispose());
  }
});
