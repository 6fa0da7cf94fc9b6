import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, clearSeed } from "../../src/backend";
import { train, resources, type EpochEvent, type StepRecord } from "../../src/train";
import { makeDataset, makeModel, withoutTiming } from "./fixtures";

for (const backend of ["cpu", "wasm"] as const) {
  test(`${backend}: training lowers every task's loss and reports validation and test metrics`, async () => {
    await initBackend({ backend });
    const model = makeModel();
    const history = await train(model, makeDataset(), {
      epochs: 4,
      batchSize: 32,
      seed: 1,
      optimizer: { learningRate: 0.01 },
    });
    const first = history.epochs[0]!.train.losses;
    const last = history.epochs[3]!.train.losses;
    assert.ok(last.a! < 0.7 * first.a!, `a: ${first.a} → ${last.a}`);
    assert.ok(last.b! < 0.2 * first.b!, `b: ${first.b} → ${last.b}`);
    assert.equal(history.steps.length, 4 * 8);
    assert.ok(history.final.test!.metrics.a!.accuracy! > 0.75, JSON.stringify(history.final.test));
    // b's standard deviation is √1.25 ≈ 1.12; over initial seeds 1–6 these 4 epochs end at rmse 0.24–0.38.
    const rmse = history.final.validation!.metrics.b!.rmse!;
    assert.ok(rmse < 0.45, `b's validation rmse ${rmse} is not well below its standard deviation 1.12`);
    assert.equal(history.weighting, "equal");
    assert.equal(history.timing.backend, backend);
    assert.ok(history.timing.seconds > 0 && history.timing.epochSeconds.length === 4);
    const cost = resources(history);
    assert.deepEqual([cost.parameters, cost.sharedParameters, cost.backend], [148, 80, backend]);
    assert.ok(cost.secondsPerEpoch > 0 && cost.secondsPerEpoch <= cost.seconds);
    model.dispose();
  });

  test(`${backend}: the same seed gives an identical history (with dropout); another seed does not`, async () => {
    await initBackend({ backend });
    const run = async (seed: number) => {
      const model = makeModel(1, 0.3);
      const history = await train(model, makeDataset(), { epochs: 2, batchSize: 64, seed });
      model.dispose();
      return withoutTiming(history);
    };
    const first = await run(7);
    assert.deepEqual(await run(7), first);
    assert.notDeepEqual((await run(8)).steps, first.steps);
    clearSeed();
  });

  test(`${backend}: tf.memory().numTensors is the same after epoch 1 and epoch 5`, async () => {
    await initBackend({ backend });
    const model = makeModel(1, 0.2);
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    await train(model, makeDataset(), {
      epochs: 5,
      batchSize: 64,
      clipNorm: 1,
      l2: 1e-4,
      earlyStopping: { patience: 10 },
      onEpochEnd: () => void counts.push(tf.memory().numTensors),
    });
    assert.equal(counts.length, 5);
    assert.equal(counts[4], counts[0], `tensor counts per epoch: ${counts.join(", ")}`);
    assert.equal(tf.memory().numTensors, before, "train frees its optimizers and snapshots");
    model.dispose();
  });
}

test("callbacks get plain JSON objects with per-task losses, weights and metrics", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel();
  const steps: StepRecord[] = [];
  const epochs: EpochEvent[] = [];
  const history = await train(model, makeDataset(), {
    epochs: 2,
    batchSize: 128,
    tasks: { b: { weight: 0.5 } },
    onStep: (record) => void steps.push(record),
    onEpochEnd: async (event) => void epochs.push(event),
  });
  assert.equal(steps.length, 4);
  for (const payload of [...steps, ...epochs]) assert.deepEqual(JSON.parse(JSON.stringify(payload)), payload);
  assert.deepEqual(Object.keys(steps[0]!.losses), ["a", "b"]);
  assert.deepEqual(steps[0]!.weights, { a: 1, b: 0.5 });
  assert.ok(Math.abs(steps[0]!.total - (steps[0]!.losses.a! + 0.5 * steps[0]!.losses.b!)) < 1e-9);
  assert.deepEqual(Object.keys(epochs[1]!.validation!.metrics.a!), ["accuracy", "macroF1"]);
  assert.equal(epochs[1]!.epochs, 2);
  assert.equal(history.weighting, "staticWeights");
  assert.deepEqual(JSON.parse(JSON.stringify(history)), history);
  model.dispose();
});

test("early stopping stops after `patience` epochs without improvement and restores the best weights", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel();
  let bestWeights: number[] = [];
  const history = await train(model, makeDataset(), {
    epochs: 10,
    batchSize: 64,
    // An improvement of more than 1 in accuracy is impossible: epoch 0 stays the best.
    earlyStopping: { monitor: "a.accuracy", patience: 2, minDelta: 1 },
    onEpochEnd: (event) => {
      if (event.epoch === 0) bestWeights = Array.from(model.sharedVariables[0]!.dataSync());
    },
  });
  assert.deepEqual(history.stopped, { reason: "earlyStopping", epoch: 2 });
  assert.equal(history.best?.epoch, 0);
  assert.equal(history.best?.monitor, "a.accuracy");
  assert.deepEqual(Array.from(model.sharedVariables[0]!.dataSync()), bestWeights);
  assert.equal(history.final.validation!.metrics.a!.accuracy, history.epochs[0]!.validation!.metrics.a!.accuracy);
  model.dispose();
});
