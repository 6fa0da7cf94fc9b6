import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { onBothBackends, relativeError, seeded } from "./compare-backends";
import { type WasmBackend, free, wasmKernel } from "../../src/kernels/wasm-ops";

// Leading-axis sums (the native pass) and others (the wasm backend's own kernel), each against cpu.
const cases: Array<{ shape: number[]; axis: number | number[]; keepDims?: boolean }> = [
  { shape: [8192, 256], axis: 0 }, // a bias gradient at the lesson-11 batch
  { shape: [128, 1], axis: 0 },
  { shape: [9, 7], axis: 0 }, // four SIMD lanes and a scalar tail of three
  { shape: [5, 3, 4], axis: [1, 0], keepDims: true },
  { shape: [7, 3], axis: -2 },
  { shape: [4, 5], axis: 1 }, // not leading: the wasm kernel
  { shape: [3, 4, 2], axis: [0, 2] }, // not a prefix: the wasm kernel
  { shape: [6, 2], axis: [0, 1] }, // everything: the wasm kernel
];

for (const { shape, axis, keepDims = false } of cases) {
  test(`Sum on wasm matches cpu: shape [${shape}], axis ${JSON.stringify(axis)}, keepDims ${keepDims}`, async () => {
    const size = tf.util.sizeFromShape(shape);
    const { cpu, wasm } = await onBothBackends(() => {
      const x = tf.tensor(seeded(size, size), shape);
      const out = tf.sum(x, axis, keepDims);
      return [out, tf.tensor1d(out.shape.length ? out.shape : [0])];
    });
    assert.deepEqual(Array.from(wasm[1] as Float32Array), Array.from(cpu[1] as Float32Array), "shape");
    assert.ok(relativeError(wasm[0] as Float32Array, cpu[0] as Float32Array) <= 1e-5);
  });
}

test("Sum on wasm: int32 runs the wasm kernel exactly, and no tensor or buffer leaks", async () => {
  const { cpu, wasm } = await onBothBackends(() => [
    tf.cast(
      tf.sum(
        tf.tensor2d(
          [
            [1, 2],
            [3, 4],
          ],
          [2, 2],
          "int32",
        ),
        0,
      ),
      "float32",
    ),
  ]);
  assert.deepEqual(Array.from(wasm[0] as Float32Array), Array.from(cpu[0] as Float32Array));
  const backend = tf.backend() as tf.KernelBackend & { numDataIds(): number };
  const x = tf.tensor2d(seeded(64 * 8, 3), [64, 8]);
  tf.dispose(tf.sum(x, 0));
  const [tensors, buffers] = [tf.memory().numTensors, backend.numDataIds()];
  for (let i = 0; i < 3; i++) tf.dispose(tf.tidy(() => tf.sum(x, 0, true)));
  assert.deepEqual([tf.memory().numTensors, backend.numDataIds()], [tensors, buffers]);
  x.dispose();
});

test("Sum on wasm over leading axes gives the wasm backend's own kernel's bits (no lesson's number moves)", async () => {
  await onBothBackends(() => []);
  const backend = tf.backend() as unknown as WasmBackend;
  for (const shape of [
    [8192, 256],
    [128, 1],
    [3, 5, 7],
  ]) {
    const x = tf.tensor(seeded(tf.util.sizeFromShape(shape), 11), shape);
    const mine = tf.sum(x, 0);
    const theirs = wasmKernel("Sum", backend, { x } as unknown as tf.NamedTensorInfoMap, { axis: 0, keepDims: false });
    assert.deepEqual(mine.dataSync(), backend.typedArrayFromHeap(theirs), `shape [${shape}]`);
    free(backend, theirs);
    tf.dispose([x, mine]);
  }
});
