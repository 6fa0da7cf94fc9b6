import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { nativeThreads, runNative, splitRange } from "../../src/kernels/native-threads";
import type { WasmBackend } from "../../src/kernels/wasm-ops";
import { seeded } from "./compare-backends";

// Large enough that every kernel splits (past 2²⁰ multiply-adds, 2¹⁸ pooled values); 45 and 288 taps put the
// split inside a tap block's overlap and on a block boundary; 7 images split unevenly.
const convolutions: { x: [number, number, number, number]; filter: [number, number, number, number] }[] = [
  { x: [16, 13, 13, 32], filter: [3, 3, 32, 64] },
  { x: [64, 12, 12, 5], filter: [3, 3, 5, 14] },
  { x: [7, 28, 28, 1], filter: [3, 3, 1, 32] },
  { x: [24, 30, 30, 16], filter: [3, 3, 16, 16] },
];

function gradients(): Float32Array[] {
  const outputs = tf.tidy(() =>
    convolutions.flatMap(({ x: xShape, filter }, i) => {
      const x = tf.tensor4d(seeded(tf.util.sizeFromShape(xShape), 10 * i), xShape);
      const w = tf.tensor4d(seeded(tf.util.sizeFromShape(filter), 10 * i + 1), filter);
      const pooled = (a: tf.Tensor, b: tf.Tensor) =>
        tf.maxPool(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, "valid"), 2, 2, "valid");
      const dy = tf.tensor(seeded(pooled(x, w).size, 10 * i + 2), pooled(x, w).shape);
      return [tf.conv2d(x, w, 1, "valid"), ...tf.grads(pooled)([x, w], dy)];
    }),
  );
  // Dense products past 2²⁰ multiply-adds split C's rows (130: a last range that is not a multiple of 4).
  const products = tf.tidy(() => {
    const a = tf.tensor2d(seeded(130 * 300, 91), [130, 300]);
    const b = tf.tensor2d(seeded(300 * 70, 92), [300, 70]);
    return [tf.matMul(a, b), tf.matMul(a, tf.transpose(b), false, true), tf.matMul(tf.transpose(a), b, true, false)];
  });
  outputs.push(...products);
  const values = outputs.map((output) => Float32Array.from(output.dataSync()));
  tf.dispose(outputs);
  return values;
}

async function helpersUp(backend: WasmBackend, count: number): Promise<boolean> {
  for (let waited = 0; waited < 20_000; waited += 20) {
    if (nativeThreads(backend) === count) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

test("at 2 threads the native convolution, its gradients, the pooling gradient and dense products split over a helper thread, bit for bit as on 1", async () => {
  await initBackend({ backend: "wasm", threads: 1 });
  assert.equal(nativeThreads(tf.backend() as WasmBackend), 1);
  const single = gradients();
  const report = await initBackend({ backend: "wasm", threads: 2 });
  assert.equal(report.threads, 2, "the threaded wasm build should start with 2 threads");
  const backend = tf.backend() as WasmBackend;
  gradients(); // starts the helper
  assert.ok(await helpersUp(backend, 2), "the helper thread should be ready within 20 s");
  const before = tf.memory().numTensors;
  const split = gradients();
  assert.equal(tf.memory().numTensors, before, "no tensors leak");
  split.forEach((values, i) => {
    const same = values.every((value, j) => Object.is(value, single[i]?.[j]));
    assert.ok(same, `gradient ${i} (${values.length} values) differs between 1 and 2 threads`);
  });
});

test("a kernel that traps on a helper thread throws on the calling thread, naming the kernel", async () => {
  await initBackend({ backend: "wasm", threads: 2 });
  const backend = tf.backend() as WasmBackend;
  if (nativeThreads(backend) === 1) gradients(); // starts the helper when this test runs alone
  assert.ok(await helpersUp(backend, 2));
  const x = tf.ones([8]);
  const y = tf.zeros([8]);
  const at = (t: tf.Tensor) => backend.dataIdMap.get(t.dataId).memoryOffset;
  runNative(backend, "addInto", [
    [at(x), at(y), 4],
    [at(x) + 16, at(y) + 16, 4],
  ]);
  assert.deepEqual(Array.from(y.dataSync()), [1, 1, 1, 1, 1, 1, 1, 1]);
  assert.throws(
    () =>
      runNative(backend, "addInto", [
        [at(x), at(y), 4],
        [at(x), 0xfffffff0, 4],
      ]),
    /addInto failed on a helper thread/,
  );
  tf.dispose([x, y]);
});

test("splitRange cuts at multiples of the alignment and ends at the total", () => {
  assert.deepEqual(splitRange(288, 2, 4), [
    [0, 144],
    [144, 288],
  ]);
  assert.deepEqual(splitRange(45, 2, 4), [
    [0, 24],
    [24, 45],
  ]);
  assert.deepEqual(splitRange(7, 2), [
    [0, 4],
    [4, 7],
  ]);
  assert.deepEqual(splitRange(3, 2, 4), [[0, 3]]);
  assert.deepEqual(splitRange(5, 1), [[0, 5]]);
});
