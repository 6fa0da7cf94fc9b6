import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { onBothBackends, relativeError, seeded, worstError } from "./compare-backends";

test("slice, split, unstack and the concat gradient on wasm match cpu: every rank 1–5, strided and whole-axis", async () => {
  const error = await worstError(() => {
    const x = tf.tensor(seeded(3 * 4 * 5 * 2 * 3, 1), [3, 4, 5, 2, 3]);
    const m = tf.tensor2d(seeded(7 * 12, 2), [7, 12]);
    const concatGrad = tf.grad((k: tf.Tensor) => tf.sum(tf.square(tf.concat([k, tf.mul(k, 2), k], 1))));
    return [
      tf.slice(tf.tensor1d(seeded(9, 3)), [2], [5]),
      tf.slice(m, [1, 3], [4, 6]),
      tf.slice(m, [2, 0], [3, -1]),
      tf.slice(tf.reshape(x, [12, 5, 6]), [1, 2, 1], [10, 2, 4]),
      tf.slice(tf.reshape(x, [3, 4, 10, 3]), [0, 1, 0, 0], [3, 2, 10, 3]),
      tf.slice(x, [1, 0, 2, 1, 0], [2, 4, 3, 1, 2]),
      ...tf.split(m, [5, 4, 3], 1),
      ...tf.split(x, 2, 3),
      ...tf.unstack(tf.reshape(x, [3, 4, 30]), 1),
      ...tf.unstack(m, 0),
      concatGrad(m),
    ];
  });
  assert.ok(error <= 1e-6, `relative error ${error}`);
});

test("slice on wasm keeps int32 and bool data and empty slices", async () => {
  const { cpu, wasm } = await onBothBackends(() => [
    tf.cast(
      tf.slice(
        tf.tensor2d(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [2, 3],
          "int32",
        ),
        [0, 1],
        [2, 2],
      ),
      "float32",
    ),
    tf.cast(tf.slice(tf.tensor1d([1, 0, 1, 1], "bool"), [1], [2]), "float32"),
    tf.slice(tf.ones([3, 4]), [1, 2], [0, 2]),
  ]);
  cpu.forEach((reference, i) => assert.ok(relativeError(wasm[i]!, reference) === 0, `output ${i}`));
  assert.deepEqual(Array.from(wasm[0]!), [2, 3, 5, 6]);
  assert.equal(wasm[2]!.length, 0);
});
