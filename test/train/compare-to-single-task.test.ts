import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { hardSharing, mlp } from "../../src/arch";
import type { Task } from "../../src/tasks";
import { compareToSingleTask, finalScores, singleTask, train } from "../../src/train";
import { deltaM } from "../../src/metrics";
import { makeDataset, tasks, withoutTiming } from "./fixtures";

const build = (chosen: readonly Task[]) =>
  hardSharing({ trunk: mlp({ inputShape: [4], hidden: [16] }), tasks: chosen, seed: 2 });
const options = { epochs: 3, batchSize: 64, seed: 5 };

test("compareToSingleTask gives the Δm and costs of train + singleTask run by hand, and frees every model", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset();
  const calls: string[][] = [];
  const before = tf.memory().numTensors;
  const result = await compareToSingleTask(
    { tasks, build: (chosen) => (calls.push(chosen.map((t) => t.name)), build(chosen)) },
    data,
    options,
  );
  assert.equal(tf.memory().numTensors, before, "all three models are disposed");
  assert.deepEqual(calls, [["a", "b"], ["a"], ["b"]]);

  const model = build(tasks);
  const multi = await train(model, data, options);
  const baseline = await singleTask({ tasks, build: (task) => build([task]) }, data, options);
  assert.deepEqual(withoutTiming(result.multi), withoutTiming(multi), "same seed, same multi-task history");
  assert.deepEqual(result.scores.single, baseline.scores);
  const expected = deltaM(finalScores(multi), baseline.scores);
  assert.equal(result.deltaM.percent, expected.percent);
  assert.deepEqual(result.deltaM.perTask, expected.perTask);
  assert.equal(result.cost.multi.parameters, multi.parameters.total);
  assert.equal(result.cost.single.parameters, baseline.parameters);
  assert.ok(result.cost.single.parameters > result.cost.multi.parameters, "two trunks cost more than one");
  assert.ok(result.cost.multi.seconds > 0 && result.cost.single.seconds > 0);
  assert.deepEqual(Object.keys(result.single), ["a", "b"]);
  model.dispose();
  Object.values(baseline.models).forEach((m) => m.dispose());
});

test("compareToSingleTask passes Δm's metric directions through", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset(3, 128);
  const plain = await compareToSingleTask({ tasks, build }, data, { ...options, epochs: 1 });
  const flipped = await compareToSingleTask({ tasks, build }, data, {
    ...options,
    epochs: 1,
    deltaM: { directions: { rmse: "higher", mae: "higher" } },
  });
  assert.equal(flipped.deltaM.perTask.a, plain.deltaM.perTask.a, "task a has no rmse or mae");
  assert.ok(
    Math.abs((flipped.deltaM.perTask.b as number) + (plain.deltaM.perTask.b as number)) < 1e-12,
    "flipping the direction flips task b's term",
  );
});
