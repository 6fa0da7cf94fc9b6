import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { registerWasmTrainingKernels } from "../../src/kernels";
import { seeded } from "./compare-backends";

const trainingKernels = [
  "BatchMatMul",
  "Conv2DBackpropFilter",
  "Conv2DBackpropInput",
  "DepthwiseConv2dNativeBackpropFilter",
  "DepthwiseConv2dNativeBackpropInput",
  "MaxPoolGrad",
  "UnsortedSegmentSum",
  "ResizeNearestNeighborGrad",
];

test("initBackend on wasm registers every training kernel, and registering again changes nothing", async () => {
  const report = await initBackend({ backend: "wasm" });
  for (const name of trainingKernels) {
    assert.ok(report.kernels.includes(name), `${name} missing from ${report.kernels}`);
    assert.ok(tf.getKernel(name, "wasm"), `${name} not registered for wasm`);
  }
  const before = trainingKernels.map((name) => tf.getKernel(name, "wasm")?.kernelFunc);
  assert.deepEqual(registerWasmTrainingKernels(), report.kernels);
  assert.deepEqual(
    trainingKernels.map((name) => tf.getKernel(name, "wasm")?.kernelFunc),
    before,
  );
});

test("the wasm training kernels free every intermediate buffer", async () => {
  await initBackend({ backend: "wasm" });
  const backend = tf.backend() as tf.KernelBackend & { numDataIds(): number };
  const step = () =>
    tf.tidy(() => {
      const x = tf.tensor4d(seeded(2 * 9 * 9 * 3, 1, -0.5), [2, 9, 9, 3]);
      const w = tf.tensor4d(seeded(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
      const d = tf.tensor4d(seeded(3 * 3 * 3 * 2, 3), [3, 3, 3, 2]);
      const table = tf.tensor2d(seeded(20 * 4, 4), [20, 4]);
      // Many input channels: the input gradient runs as a transposed convolution, not GEMM + col2im.
      const wide = tf.tensor4d(seeded(3 * 3 * 16 * 8, 5), [3, 3, 16, 8]);
      const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, e: tf.Tensor, f: tf.Tensor) => {
        const conv = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, "same");
        const tiled = tf.tile(conv, [1, 1, 1, 4]) as tf.Tensor4D;
        const deep = tf.conv2d(tiled, f as tf.Tensor4D, 1, "same");
        const depth = tf.depthwiseConv2d(a as tf.Tensor4D, c as tf.Tensor4D, 3, "valid");
        const pooled = tf.maxPool(conv, 2, 1, "same");
        const batched = tf.matMul(tf.reshape(pooled, [2, 25, 4]), tf.reshape(pooled, [2, 25, 4]), true, false);
        const embedded = tf.gather(e, tf.tensor1d([1, 1, 5], "int32"));
        return tf.addN([tf.sum(batched), tf.sum(depth), tf.sum(embedded), tf.sum(deep)]) as tf.Scalar;
      };
      return tf.grads(loss)([x, w, d, table, wide]);
    });
  tf.dispose(step());
  const [tensors, buffers] = [tf.memory().numTensors, backend.numDataIds()];
  tf.dispose(step());
  assert.equal(tf.memory().numTensors, tensors);
  assert.equal(backend.numDataIds(), buffers);
});
