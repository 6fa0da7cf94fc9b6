import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { fusedDense, type FusedDenseActivation } from "../../src/kernels/fused-dense";
import { onBothBackends, relativeError, seeded, worstError } from "./compare-backends";

// Odd sizes run every path of native/dense.ts: 4-row tiles and single rows, 8-column tiles and scalar columns.
const shapes: Array<[number, number, number]> = [
  [5, 7, 3],
  [13, 19, 21],
  [1, 9, 8],
  [9, 33, 17],
  [128, 64, 256],
];
const activations: FusedDenseActivation[] = ["relu", "linear"];

function layer(rows: number, inner: number, units: number, seed: number) {
  const x = tf.tensor2d(seeded(rows * inner, seed), [rows, inner]);
  const w = tf.tensor2d(seeded(inner * units, seed + 1), [inner, units]);
  const b = tf.tensor1d(seeded(units, seed + 2, 0.1));
  const dy = tf.tensor2d(seeded(rows * units, seed + 3), [rows, units]);
  return { x, w, b, dy };
}

test("fusedDense on wasm (native GEMM, bias, relu) matches cpu forward and in all three gradients", async () => {
  let seed = 0;
  for (const [rows, inner, units] of shapes) {
    for (const activation of activations) {
      seed += 5;
      const error = await worstError(() => {
        const { x, w, b, dy } = layer(rows, inner, units, seed);
        const f = (a: tf.Tensor, k: tf.Tensor, c: tf.Tensor) =>
          fusedDense(a as tf.Tensor2D, k as tf.Tensor2D, c as tf.Tensor1D, activation);
        return [f(x, w, b), ...tf.grads(f)([x, w, b], dy)];
      });
      assert.ok(error <= 1e-5, `${rows}×${inner}×${units} ${activation}: relative error ${error}`);
    }
  }
});

test("fusedDense past the native GEMM's size (2^25 multiply-adds) runs the wasm kernel and matches cpu", async () => {
  const error = await worstError(() => {
    const { x, w, b } = layer(2049, 130, 129, 31); // 34.4M multiply-adds: the wasm backend's _FusedMatMul
    return [fusedDense(x, w, b, "relu")];
  });
  assert.ok(error <= 1e-5, `relative error ${error}`);
});

test("fusedDense's gradient equals the unfused ops' (matMul, add, relu) on both backends", async () => {
  const { cpu, wasm } = await onBothBackends(() => {
    const { x, w, b, dy } = layer(13, 19, 21, 77);
    const fused = tf.grads((a, k, c) => fusedDense(a as tf.Tensor2D, k as tf.Tensor2D, c as tf.Tensor1D, "relu"));
    const plain = tf.grads((a, k, c) => tf.relu(tf.add(tf.matMul(a, k), c)));
    return [...fused([x, w, b], dy), ...plain([x, w, b], dy)];
  });
  for (const results of [cpu, wasm]) {
    for (let i = 0; i < 3; i++) {
      const error = relativeError(results[i] as Float32Array, results[i + 3] as Float32Array);
      assert.ok(error <= 1e-6, `gradient ${i}: relative error ${error}`);
    }
  }
});

test("fusedDense and small matMuls on wasm leak neither tensors nor wasm buffers", async () => {
  await onBothBackends(() => []);
  const backend = tf.backend();
  const run = () =>
    tf.tidy(() => {
      const { x, w, b, dy } = layer(13, 19, 21, 3);
      const grads = tf.grads((a, k, c) => fusedDense(a as tf.Tensor2D, k as tf.Tensor2D, c as tf.Tensor1D, "relu"));
      grads([x, w, b], dy);
      tf.matMul(x, x, false, true).dataSync(); // a transposed B goes through a scratch buffer
    });
  run();
  const [tensors, buffers] = [tf.memory().numTensors, backend.numDataIds()];
  run();
  assert.equal(tf.memory().numTensors, tensors);
  assert.equal(backend.numDataIds(), buffers);
});
