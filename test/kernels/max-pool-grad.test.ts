import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { seeded, worstError } from "./compare-backends";

test("max-pool gradient on wasm matches cpu, including all-negative windows (strides 1–3, valid/same)", async () => {
  let seed = 0;
  for (const offset of [0, -2, 2]) {
    for (const [filter, stride] of [
      [2, 2],
      [3, 1],
      [3, 2],
      [2, 3],
      [
        [3, 2],
        [1, 2],
      ],
    ] as const) {
      for (const pad of ["valid", "same"] as const) {
        seed += 1;
        const error = await worstError(() => {
          const x = tf.tensor4d(seeded(2 * 9 * 7 * 3, seed, offset), [2, 9, 7, 3]);
          const f = (a: tf.Tensor) =>
            tf.maxPool(a as tf.Tensor4D, filter as [number, number], stride as [number, number], pad);
          const y = f(x);
          const dy = tf.tensor(seeded(y.size, seed + 100), y.shape);
          return [y, tf.grad(f)(x, dy)];
        });
        assert.ok(
          error <= 1e-5,
          `offset ${offset} filter ${filter} stride ${stride} pad ${pad}: relative error ${error}`,
        );
      }
    }
  }
});

test("the native 2×2 stride-2 max-pool gradient matches cpu: 1–10 channels (vector, overlapping tail, scalar), odd sizes", async () => {
  let seed = 200;
  for (const shape of [
    [2, 9, 7, 5],
    [1, 8, 8, 4],
    [3, 6, 10, 10],
    [2, 5, 4, 1],
    [1, 4, 6, 7],
  ] as Array<[number, number, number, number]>) {
    for (const offset of [0, -2, 2]) {
      seed += 1;
      const error = await worstError(() => {
        const x = tf.tensor4d(seeded(tf.util.sizeFromShape(shape), seed, offset), shape);
        const f = (a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 2, 2, "valid");
        const dy = tf.tensor(seeded(f(x).size, seed + 100), f(x).shape);
        return [tf.grad(f)(x, dy)];
      });
      assert.ok(error <= 1e-5, `shape ${shape} offset ${offset}: relative error ${error}`);
    }
  }
});

test("max-pool gradient goes to the first maximum of a tied window, as on cpu", async () => {
  const error = await worstError(() => {
    const grad = tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, "valid")));
    // Two channels take the scalar loop, six the vector one; x's pairs of equal values tie in every window.
    const paired = tf.tensor4d(
      seeded(2 * 3 * 4 * 6, 7).map((v, i) => v + (i % 2)),
      [2, 3, 4, 6],
    );
    return [grad(tf.fill([1, 4, 4, 2], -1)), grad(tf.fill([1, 4, 4, 6], -1)), grad(tf.round(paired))];
  });
  assert.equal(error, 0);
});

test("conv → relu → pool and conv → pool → relu orders have matching gradients on wasm and cpu", async () => {
  for (const order of ["relu-first", "pool-first"]) {
    const error = await worstError(() => {
      const x = tf.tensor4d(seeded(2 * 12 * 12 * 1, 3), [2, 12, 12, 1]);
      const w = tf.tensor4d(seeded(3 * 3 * 4, 4), [3, 3, 1, 4]);
      const loss = (a: tf.Tensor, b: tf.Tensor) => {
        const conv = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, "valid");
        const pooled =
          order === "relu-first" ? tf.maxPool(tf.relu(conv), 2, 2, "valid") : tf.relu(tf.maxPool(conv, 2, 2, "valid"));
        return tf.sum(tf.mul(pooled, tf.reshape(tf.range(0, pooled.size), pooled.shape)));
      };
      return tf.grads(loss)([x, w]);
    });
    assert.ok(error <= 1e-5, `${order}: relative error ${error}`);
  }
});
