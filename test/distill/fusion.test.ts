// Fusion of trained models: averaging and voting by hand; feature-level and stacking train only new heads.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { averageFusion, featureFusion, majorityVote, stackingFusion } from "../../src/distill";
import { countParameters } from "../../src/arch";
import { evaluate, train } from "../../src/train";
import { makeDataset, makeModel, tasks, weightsOf } from "../train/fixtures";

test("averaging and majority vote, by hand", async () => {
  await initBackend({ backend: "cpu" });
  const records = [
    [0.7, 0.2, 0.1],
    [0.1, 0.5, 0.4],
    [0.2, 0.5, 0.3],
    [0.3, 0.3, 0.4],
  ].map((row) => ({ a: tf.tensor2d([row]) }));
  const mean = averageFusion(records);
  assert.deepEqual(
    Array.from(mean.a!.dataSync()).map((v) => +v.toFixed(4)),
    [0.325, 0.375, 0.3],
  );
  assert.deepEqual(Array.from(majorityVote(records).a!.dataSync()), [1]); // votes 0:1, 1:2, 2:1
  const tie = majorityVote(records.slice(0, 2)).a!; // one vote each for 0 and 1; mean 0.4 vs 0.35
  assert.deepEqual(Array.from(tie.dataSync()), [0]);
  tf.dispose([...records.flatMap((r) => Object.values(r)), ...Object.values(mean), tie]);
});

test("feature fusion and stacking train new heads only; the base models stay bit-identical", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset(4);
  const bases = [makeModel(1), makeModel(2)];
  for (const base of bases) await train(base, data, { epochs: 3, seed: 1, optimizer: { learningRate: 0.01 } });
  const frozen = bases.map(weightsOf);
  const live = tf.memory().numTensors;
  const features = featureFusion(bases, { tasks, seed: 3 });
  assert.equal(countParameters(features).shared, 0);
  assert.equal(countParameters(features).tasks.a, 32 * 3 + 3);
  const stacked = stackingFusion(bases, { tasks, seed: 3 });
  assert.equal(countParameters(stacked).tasks.a, 6 * 3 + 3);
  for (const fused of [features, stacked]) {
    await train(fused, data, { epochs: 10, seed: 2, optimizer: { learningRate: 0.02 } });
    const accuracy = evaluate(fused, data.test).metrics.a!.accuracy!;
    console.log("fused accuracy", accuracy);
    assert.ok(accuracy > 0.6, `accuracy ${accuracy}`);
    fused.dispose();
  }
  assert.deepEqual(bases.map(weightsOf), frozen);
  assert.equal(tf.memory().numTensors, live);
  bases.forEach((base) => base.dispose());
});
