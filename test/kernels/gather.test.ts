import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { onBothBackends, seeded, worstError } from "./compare-backends";

test("gather on wasm matches cpu: axis 0 and 1, batchDims, repeated ids, int32 data", async () => {
  const error = await worstError(() => {
    const x = tf.tensor3d(seeded(4 * 5 * 3, 1), [4, 5, 3]);
    const ids = tf.tensor2d(
      [
        [3, 0, 3],
        [1, 1, 2],
      ],
      [2, 3],
      "int32",
    );
    return [
      tf.gather(x, ids), // embedding-style, axis 0
      tf.gather(x, tf.tensor1d([4, 4, 0, 2], "int32"), 1),
      tf.gather(
        x,
        tf.tensor2d(
          [
            [1, 2],
            [0, 0],
            [3, 3],
            [2, 1],
          ],
          [4, 2],
          "int32",
        ),
        1,
        1,
      ),
      tf.gather(x, tf.tensor1d([2], "int32"), 2),
      tf.cast(
        tf.gather(
          tf.tensor2d(
            [
              [1, 2],
              [3, 4],
              [5, 6],
            ],
            [3, 2],
            "int32",
          ),
          tf.tensor1d([2, 0], "int32"),
        ),
        "float32",
      ),
    ];
  });
  assert.ok(error <= 1e-6, `relative error ${error}`);
});

test("gather on wasm rejects an out-of-range index as the built-in kernel does", async () => {
  await onBothBackends(() => []);
  assert.throws(() => tf.gather(tf.ones([3, 2]), tf.tensor1d([3], "int32")), /index value 3 is not in \[0, 2\]/);
});

test("Identity (tf.clone) on wasm shares the data and survives disposing the original", async () => {
  await onBothBackends(() => []);
  const backend = tf.backend() as tf.KernelBackend & { numDataIds(): number };
  const before = backend.numDataIds();
  const x = tf.tensor1d([1, 2, 3]);
  const y = tf.clone(x);
  assert.equal(backend.numDataIds(), before + 1);
  x.dispose();
  assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3]);
  y.dispose();
  assert.equal(backend.numDataIds(), before);
});
