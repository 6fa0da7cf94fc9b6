import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { fusedAdam } from "../../src/kernels";
import { onBothBackends, relativeError, seeded } from "./compare-backends";

// Three Adam steps on a small regression; returns the variables and both moment slots.
function train(makeOptimizer: () => tf.Optimizer): tf.Tensor[] {
  const w = tf.variable(tf.tensor2d(seeded(6 * 3, 1), [6, 3]));
  const b = tf.variable(tf.tensor1d(seeded(3, 2)));
  const x = tf.tensor2d(seeded(5 * 6, 3), [5, 6]);
  const y = tf.tensor2d(seeded(5 * 3, 4), [5, 3]);
  const optimizer = makeOptimizer();
  for (let step = 0; step < 3; step++) {
    tf.dispose(optimizer.minimize(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))) as tf.Scalar) ?? []);
  }
  const state = optimizer as unknown as Record<
    "accumulatedFirstMoment" | "accumulatedSecondMoment",
    Array<{ variable: tf.Tensor }>
  >;
  const slots = [...state.accumulatedFirstMoment, ...state.accumulatedSecondMoment].map((s) => tf.clone(s.variable));
  const result = [tf.clone(w), tf.clone(b), ...slots];
  optimizer.dispose();
  tf.dispose([w, b, x, y]);
  return result;
}

test("fusedAdam on wasm follows tf.train.adam on cpu: variables and moments over three steps", async () => {
  const reference = await onBothBackends(() => train(() => tf.train.adam(0.1)));
  const fused = await onBothBackends(() => train(() => fusedAdam(0.1)));
  const errors = fused.wasm.map((values, i) => relativeError(values, reference.cpu[i] as Float32Array));
  assert.equal(errors.length, 6);
  assert.ok(Math.max(...errors) <= 1e-5, `relative errors ${errors}`);
});

test("fusedAdam on wasm runs one update kernel per variable and leaks no tensor", async () => {
  await onBothBackends(() => []);
  const w = tf.variable(tf.tensor1d(seeded(10, 5)));
  const optimizer = fusedAdam(0.01);
  const step = () => tf.dispose(optimizer.minimize(() => tf.sum(tf.square(w)), true) ?? []);
  step();
  const before = tf.memory().numTensors;
  const profile = await tf.profile(step);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(profile.kernels.filter((k) => k.name === "MtlkitAdamUpdate").length, 1);
  assert.ok(!profile.kernelNames.includes("Sqrt"), profile.kernelNames.join(","));
  optimizer.dispose();
  w.dispose();
});
