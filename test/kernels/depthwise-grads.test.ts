import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { seeded, worstError } from "./compare-backends";

type Pad = "valid" | "same" | [[number, number], [number, number], [number, number], [number, number]];
const explicit: Pad = [
  [0, 0],
  [2, 0],
  [1, 1],
  [0, 0],
];

test("depthwise conv's input and filter gradients on wasm match cpu (multipliers 1–3, strides 1–3, all paddings)", async () => {
  let seed = 0;
  for (const stride of [1, 2, 3] as const) {
    for (const pad of ["valid", "same", explicit] as const) {
      for (const [x, filter] of [
        [
          [2, 7, 9, 3],
          [3, 3, 3, 1],
        ],
        [
          [1, 8, 5, 2],
          [3, 2, 2, 3],
        ],
        [
          [3, 6, 6, 1],
          [1, 5, 1, 2],
        ],
      ] as const) {
        seed += 10;
        const error = await worstError(() => {
          const input = tf.tensor4d(seeded(tf.util.sizeFromShape([...x]), seed), [...x]);
          const w = tf.tensor4d(seeded(tf.util.sizeFromShape([...filter]), seed + 1), [...filter]);
          const f = (a: tf.Tensor, b: tf.Tensor) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad);
          const y = f(input, w);
          const dy = tf.tensor(seeded(y.size, seed + 2), y.shape);
          const [dx, dw] = tf.grads(f)([input, w], dy);
          return [y, dx as tf.Tensor, dw as tf.Tensor];
        });
        assert.ok(
          error <= 1e-5,
          `x ${x} filter ${filter} stride ${stride} pad ${JSON.stringify(pad)}: relative error ${error}`,
        );
      }
    }
  }
});

test("separable conv trains on wasm with gradients matching cpu", async () => {
  const error = await worstError(() => {
    const x = tf.tensor4d(seeded(2 * 9 * 9 * 3, 1), [2, 9, 9, 3]);
    const depth = tf.tensor4d(seeded(3 * 3 * 3 * 2, 2), [3, 3, 3, 2]);
    const point = tf.tensor4d(seeded(6 * 4, 3), [1, 1, 6, 4]);
    const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
      tf.sum(tf.square(tf.separableConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c as tf.Tensor4D, 2, "same")));
    return tf.grads(loss)([x, depth, point]);
  });
  assert.ok(error <= 1e-5, `relative error ${error}`);
});
