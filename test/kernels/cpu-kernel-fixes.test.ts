import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { seeded, relativeError } from "./compare-backends";

// tfjs-backend-cpu 4.22's ResizeNearestNeighborGrad reads dy with the images' batch stride; mtlkit
// replaces it on cpu. Reference: tfjs's own kernel on one sample at a time (right for batch 1).
test("on cpu, the upsampling gradient of a batch equals the per-sample gradients, as tfjs's kernel gives for batch 1", async () => {
  await tf.setBackend("cpu");
  const up = (x: tf.Tensor) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [10, 10]);
  const x = tf.tensor4d(seeded(3 * 5 * 5 * 2, 1), [3, 5, 5, 2]);
  const dy = tf.tensor4d(seeded(3 * 10 * 10 * 2, 2), [3, 10, 10, 2]);
  const slice = (t: tf.Tensor, i: number) => tf.slice(t, [i, 0, 0, 0], [1, -1, -1, -1]);
  const perSample = tf.concat([0, 1, 2].map((i) => tf.grad(up)(slice(x, i), slice(dy, i))));
  const expected = Float32Array.from(perSample.dataSync());
  const report = await initBackend({ backend: "cpu" });
  assert.ok(report.kernels.includes("ResizeNearestNeighborGrad"));
  const actual = Float32Array.from(tf.grad(up)(x, dy).dataSync());
  assert.ok(relativeError(actual, expected) <= 1e-6, `relative error ${relativeError(actual, expected)}`);
  const left = tf.sum(tf.mul(up(x), dy)).dataSync()[0] as number;
  const right = tf.sum(tf.mul(x, tf.grad(up)(x, dy))).dataSync()[0] as number;
  assert.ok(Math.abs(left - right) <= 1e-5 * Math.abs(left), `adjoint: ${left} vs ${right}`);
  tf.dispose([x, dy, perSample]);
});
