// The trainer's step is weightedGradients; Math.random is never replaced during train (dropout takes
// its seed from the forward options); a weighting of unknown kind is refused by train.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import type { MtlError } from "../../src/errors";
import { resolveTasks } from "../../src/tasks/resolve-tasks";
import { taskLoss } from "../../src/tasks/task-loss";
import { train } from "../../src/train";
import { famo, mgda, upgrad, weightedGradients, type WeightingMethod } from "../../src/weighting";
import { makeDataset, makeModel, tasks, weightsOf } from "./fixtures";

for (const [name, make, gradientMode] of [
  ["mgda", mgda, "param"],
  ["upgrad", upgrad, "param"],
  ["mgda", mgda, "representation"],
] as const) {
  test(`the trainer's step (${name}, ${gradientMode}) equals weightedGradients + tf.train.sgd by hand`, async () => {
    await initBackend({ backend: "cpu" });
    const data = makeDataset(3, 64);
    const trained = makeModel(2);
    const byHand = makeModel(2);
    assert.deepEqual(weightsOf(trained), weightsOf(byHand));
    const history = await train(trained, data, {
      epochs: 1,
      batchSize: 64,
      seed: 0,
      weighting: make(),
      gradientMode,
      optimizer: { type: "sgd", learningRate: 0.1 },
      validation: false,
      test: false,
    });
    const resolved = resolveTasks(tasks);
    const x = tf.tensor2d(data.train.inputs.x!.values as Float32Array, [64, 4]);
    const targets = {
      a: tf.tensor1d(data.train.targets.a!.values as Int32Array, "int32"),
      b: tf.tensor1d(data.train.targets.b!.values as Float32Array),
    };
    const lossesOf = (outputs: Record<string, tf.Tensor>) =>
      Object.fromEntries(
        resolved.map((task) => [task.name, taskLoss(task, outputs[task.name]!, targets[task.name as "a" | "b"])]),
      );
    const losses =
      gradientMode === "param"
        ? () => lossesOf(byHand.forward({ x }, { training: true }))
        : () => ({
            representation: byHand.representation!({ x }, { training: true }),
            heads: (z: tf.Tensor) => lossesOf(byHand.heads!(z, { training: true })),
          });
    const optimizer = tf.train.sgd(0.1);
    const result = weightedGradients(losses, {
      weighting: make(),
      shared: byHand.sharedVariables,
      tasks: byHand.taskVariables,
    });
    optimizer.applyGradients(result.grads);
    tf.dispose([x, targets.a, targets.b, ...Object.values(result.grads)]);
    optimizer.dispose();
    const step = history.steps[0]!;
    assert.equal(history.steps.length, 1);
    resolved.forEach((task, t) => {
      assert.ok(Math.abs(step.weights[task.name]! - result.weights[t]!) <= 1e-5, `${task.name} weight`);
      assert.ok(Math.abs(step.losses[task.name]! - result.losses[t]!) <= 1e-5, `${task.name} loss`);
    });
    const after = weightsOf(byHand);
    weightsOf(trained).forEach((values, i) =>
      values.forEach((value, j) =>
        assert.ok(Math.abs(value - after[i]![j]!) <= 1e-5, `variable ${i}[${j}]: ${value} vs ${after[i]![j]}`),
      ),
    );
    trained.dispose();
    byHand.dispose();
  });
}

test("Math.random is the same function before, during (onStep, onEpochEnd) and after train, with dropout in every step kind", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset(1, 128);
  for (const [weighting, gradientMode] of [
    [famo(), undefined],
    [mgda(), "param"],
    [mgda(), "representation"],
  ] as const) {
    const model = makeModel(1, 0.3);
    const original = Math.random;
    const seen: (() => number)[] = [];
    const options = {
      epochs: 2,
      batchSize: 32,
      seed: 4,
      weighting,
      validation: false as const,
      test: false as const,
      ...(gradientMode ? { gradientMode } : {}),
    };
    // An accessor on Math.random counts every replacement, even one put back before onStep runs.
    let replaced = 0;
    let current = original;
    Object.defineProperty(Math, "random", {
      configurable: true,
      get: () => current,
      set: (fn: () => number) => void ((current = fn), replaced++),
    });
    let history;
    try {
      history = await train(model, data, {
        ...options,
        onStep: () => void seen.push(Math.random),
        onEpochEnd: () => void seen.push(Math.random),
      });
    } finally {
      Object.defineProperty(Math, "random", { configurable: true, writable: true, value: current });
    }
    assert.equal(replaced, 0, `${weighting.name}: Math.random was replaced ${replaced} times inside train`);
    assert.equal(seen.length, history.steps.length + 2);
    assert.ok(
      seen.every((random) => random === original),
      `${weighting.name}: Math.random swapped during train`,
    );
    assert.equal(Math.random, original, `${weighting.name}: Math.random swapped after train`);
    model.dispose();
  }
});

test("the same seed still gives the same run with dropout, seeded through the forward options", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset(1, 128);
  const run = async () => {
    const model = makeModel(1, 0.3);
    const history = await train(model, data, {
      epochs: 2,
      batchSize: 32,
      seed: 9,
      weighting: mgda(),
      validation: false,
      test: false,
    });
    const weights = weightsOf(model);
    model.dispose();
    return { steps: history.steps.map((s) => [s.losses, s.weights]), weights };
  };
  assert.deepEqual(await run(), await run());
});

test("train refuses a weighting object of unknown kind, naming it and the known kinds", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel(1);
  const legacy = {
    kind: "gradient",
    name: "legacyMethod",
    modes: ["param"],
    weigh: () => ({ weights: new Float64Array(2) }),
  } as unknown as WeightingMethod;
  await assert.rejects(
    train(model, makeDataset(1, 64), { epochs: 1, weighting: legacy }),
    (error: MtlError) =>
      error.code === "unknown-weighting-kind" &&
      /"legacyMethod" has kind "gradient", expected one of "loss", "gramian", "jacobian"/.test(error.message),
  );
  model.dispose();
});
