import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { seeded, worstError } from "./compare-backends";

test("unsortedSegmentSum on wasm matches cpu with duplicate, missing and out-of-range ids", async () => {
  const error = await worstError(() => {
    const x = tf.tensor2d(seeded(7 * 5, 1), [7, 5]);
    const ids = tf.tensor1d([3, 0, 3, 3, 9, 1, -1], "int32");
    return [tf.unsortedSegmentSum(x, ids, 6)];
  });
  assert.ok(error <= 1e-5, `relative error ${error}`);
});

test("unsortedSegmentSum on wasm sums a hand-computed case", async () => {
  const { wasm } = await import("./compare-backends").then((m) =>
    m.onBothBackends(() => [tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([1, 1, 0, 1], "int32"), 3)]),
  );
  assert.deepEqual(Array.from(wasm[0] as Float32Array), [3, 7, 0]);
});

test("embedding (gather) gradients on wasm match cpu with repeated tokens", async () => {
  const error = await worstError(() => {
    const table = tf.tensor2d(seeded(50 * 8, 2), [50, 8]);
    const tokens = tf.tensor2d(
      [
        [1, 4, 4, 49],
        [0, 1, 1, 1],
        [7, 7, 7, 7],
      ],
      [3, 4],
      "int32",
    );
    const loss = (t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, tokens)));
    return [tf.grad(loss)(table)];
  });
  assert.ok(error <= 1e-5, `relative error ${error}`);
});
