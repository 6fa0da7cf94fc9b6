import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { seeded, worstError, onBothBackends } from "./compare-backends";

// The ops a small segmentation decoder trains through: nearest-neighbour upsampling and the
// transposed convolution, each with its gradients, wasm (with mtlkit's kernels) against cpu.
// tfjs-backend-cpu 4.22's ResizeNearestNeighborGrad indexes dy with the images' batch stride, so it
// is only a reference for batch 1; batch 2 is checked by the adjoint identity instead.

test("nearest-neighbour upsampling and its gradient on wasm match cpu (scales 2, 3, 7/5; align corners)", async () => {
  let seed = 0;
  for (const [height, width] of [
    [10, 10],
    [15, 15],
    [7, 13],
  ] as const) {
    for (const alignCorners of [false, true]) {
      seed += 1;
      const error = await worstError(() => {
        const x = tf.tensor4d(seeded(5 * 5 * 3, seed), [1, 5, 5, 3]);
        const f = (a: tf.Tensor) => tf.image.resizeNearestNeighbor(a as tf.Tensor4D, [height, width], alignCorners);
        const y = f(x);
        const dy = tf.tensor(seeded(y.size, seed + 100), y.shape);
        return [y, tf.grad(f)(x, dy)];
      });
      assert.ok(error <= 1e-5, `${height}×${width} alignCorners ${alignCorners}: relative error ${error}`);
    }
  }
});

test("the upsampling gradient is the adjoint of the forward pass: <up(x), dy> = <x, grad(dy)>, half-pixel centres too", async () => {
  for (const halfPixelCenters of [false, true]) {
    const { wasm } = await onBothBackends(() => {
      const x = tf.tensor4d(seeded(2 * 4 * 6 * 2, 7), [2, 4, 6, 2]);
      const dy = tf.tensor4d(seeded(2 * 9 * 11 * 2, 8), [2, 9, 11, 2]);
      const up = (a: tf.Tensor) => tf.image.resizeNearestNeighbor(a as tf.Tensor4D, [9, 11], false, halfPixelCenters);
      return [tf.sum(tf.mul(up(x), dy)), tf.sum(tf.mul(x, tf.grad(up)(x, dy)))];
    });
    const [left, right] = wasm.map((values) => values[0] as number);
    assert.ok(Math.abs((left as number) - (right as number)) <= 1e-5 * Math.abs(left as number), `${left} vs ${right}`);
  }
});

test("a 2× upsampling sends each input pixel the sum of its 2×2 block's gradient (closed form)", async () => {
  const { wasm } = await onBothBackends(() => {
    const x = tf.zeros([1, 2, 2, 1]);
    const dy = tf.reshape(tf.range(1, 17), [1, 4, 4, 1]);
    return [tf.grad((a: tf.Tensor) => tf.image.resizeNearestNeighbor(a as tf.Tensor4D, [4, 4]))(x, dy)];
  });
  // Blocks: rows 0–1 × cols 0–1 hold 1, 2, 5, 6 → 14; cols 2–3 hold 3, 4, 7, 8 → 22; and so on.
  assert.deepEqual(Array.from(wasm[0] as Float32Array), [14, 22, 46, 54]);
});

test("transposed convolution (stride 2, same and valid) and its input and filter gradients on wasm match cpu", async () => {
  for (const pad of ["same", "valid"] as const) {
    const error = await worstError(() => {
      const x = tf.tensor4d(seeded(2 * 5 * 5 * 3, 11), [2, 5, 5, 3]);
      const w = tf.tensor4d(seeded(3 * 3 * 4 * 3, 12), [3, 3, 4, 3]);
      const size = pad === "same" ? 10 : 11;
      const f = (a: tf.Tensor, b: tf.Tensor) =>
        tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [2, size, size, 4], 2, pad);
      const y = f(x, w);
      const dy = tf.tensor(seeded(y.size, 13), y.shape);
      return [y, ...tf.grads(f)([x, w], dy)];
    });
    assert.ok(error <= 1e-5, `${pad}: relative error ${error}`);
  }
});

test("upsample → conv decoder gradients on wasm match cpu and leave no tensors behind", async () => {
  const error = await worstError(() => {
    const x = tf.tensor4d(seeded(7 * 7 * 4, 21), [1, 7, 7, 4]);
    const w = tf.tensor4d(seeded(3 * 3 * 4 * 1, 22), [3, 3, 4, 1]);
    const loss = (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(
        tf.sigmoid(tf.conv2d(tf.image.resizeNearestNeighbor(a as tf.Tensor4D, [14, 14]), b as tf.Tensor4D, 1, "same")),
      );
    return tf.grads(loss)([x, w]);
  });
  assert.ok(error <= 1e-5, `relative error ${error}`);
  const before = tf.memory().numTensors;
  await onBothBackends(() => [
    tf.grad((a: tf.Tensor) => tf.sum(tf.image.resizeNearestNeighbor(a as tf.Tensor4D, [6, 6])))(tf.ones([1, 3, 3, 1])),
  ]);
  assert.equal(tf.memory().numTensors, before);
});
