import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { seeded, worstError } from "./compare-backends";

const shapes: Array<[number[], number[]]> = [
  [
    [5, 7],
    [7, 3],
  ],
  [
    [1, 7],
    [7, 1],
  ],
  [
    [4, 5, 7],
    [4, 7, 3],
  ],
  [
    [4, 5, 7],
    [7, 3],
  ],
  [
    [1, 5, 7],
    [4, 7, 3],
  ],
  [
    [2, 3, 5, 7],
    [2, 3, 7, 3],
  ],
  [
    [2, 1, 5, 7],
    [1, 3, 7, 3],
  ],
  [
    [128, 2, 8],
    [128, 8, 64],
  ], // MMoE's gate mixing: tiny matrices, native loop
  [
    [6, 3, 9],
    [6, 9, 13],
  ], // lanes plus scalar tails in every loop of the native kernel
  [
    [3, 40, 30],
    [3, 30, 20],
  ], // large enough for one GEMM per matrix
  [
    [1, 40, 30],
    [3, 30, 20],
  ],
  [
    [13, 19],
    [19, 21],
  ], // mtlkit's native GEMM: 4-row tiles and a single row, 8-column tiles and scalar columns
  [
    [1, 9, 17],
    [1, 17, 10],
  ],
];

function swapLast(shape: number[]): number[] {
  const out = [...shape];
  out.splice(-2, 2, shape[shape.length - 1] as number, shape[shape.length - 2] as number);
  return out;
}

test("matMul (and its gradients where tfjs defines them) on wasm matches cpu for every transpose and batch layout", async () => {
  let seed = 0;
  for (const [aShape, bShape] of shapes) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        seed += 3;
        const error = await worstError(() => {
          const a = tf.tensor(seeded(tf.util.sizeFromShape(aShape), seed), transposeA ? swapLast(aShape) : aShape);
          const b = tf.tensor(seeded(tf.util.sizeFromShape(bShape), seed + 1), transposeB ? swapLast(bShape) : bShape);
          const f = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, transposeA, transposeB);
          const out = f(a, b);
          // tfjs's BatchMatMul gradient does not reduce broadcast batch axes: check those forward only.
          if (a.rank !== b.rank || !tf.util.arraysEqual(a.shape.slice(0, -2), b.shape.slice(0, -2))) return [out];
          const dy = tf.tensor(seeded(out.size, seed + 2), out.shape);
          return [out, ...tf.grads(f)([a, b], dy)];
        });
        assert.ok(error <= 1e-5, `${aShape} × ${bShape} tA=${transposeA} tB=${transposeB}: relative error ${error}`);
      }
    }
  }
});
