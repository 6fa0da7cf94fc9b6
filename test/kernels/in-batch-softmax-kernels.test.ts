import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { inBatchSoftmax } from "../../src/tasks/losses/in-batch-softmax";
import { onBothBackends, relativeError, seeded } from "./compare-backends";

// Loss per row and both gradients of Σ_i dy_i ℓ_i; on wasm the fused kernels run, on cpu tfjs ops.
function lossAndGradients(rows: number, width: number, dy: Float32Array, scale: number): tf.Tensor[] {
  const outputs = tf.mul(tf.tensor2d(seeded(rows * 2 * width, rows + width), [rows, 2 * width]), scale);
  const weights = tf.tensor1d(dy);
  const loss = inBatchSoftmax.perSample(outputs as tf.Tensor2D, weights);
  const grad = tf.grad((o: tf.Tensor) => tf.sum(tf.mul(inBatchSoftmax.perSample(o as tf.Tensor2D, weights), weights)));
  const both = grad(outputs);
  const queries = tf.slice(both, [0, 0], [-1, width]);
  const candidates = tf.slice(both, [0, width], [-1, width]);
  return [loss, queries, candidates];
}

// rows not a multiple of the 512-row chunk, one chunk, several, and scores large enough to need the shift
const shapes: Array<[number, number, number]> = [
  [7, 3, 1],
  [513, 8, 1],
  [1100, 32, 0.5],
  [300, 16, 4],
];

for (const [rows, width, scale] of shapes) {
  test(`fused in-batch softmax on wasm matches cpu: B = ${rows}, width ${width}, non-uniform dy`, async () => {
    const dy = seeded(rows, 9, 1.5); // in [0.5, 2.5), unequal per row
    dy[1] = 0; // a masked row
    const { cpu, wasm } = await onBothBackends(() => lossAndGradients(rows, width, dy, scale));
    const errors = wasm.map((values, i) => relativeError(values, cpu[i] as Float32Array));
    assert.equal(errors.length, 3);
    assert.ok(Math.max(...errors) <= 1e-5, `relative errors (loss, ∂q, ∂c) ${errors}`);
  });
}

test("fused in-batch softmax on wasm: dy = 0 gives zero gradients, as on cpu", async () => {
  const { cpu, wasm } = await onBothBackends(() => lossAndGradients(600, 8, new Float32Array(600), 1));
  for (const values of [...cpu.slice(1), ...wasm.slice(1)]) assert.ok(values.every((v) => v === 0));
  assert.ok(relativeError(wasm[0] as Float32Array, cpu[0] as Float32Array) <= 1e-5);
});

test("fused in-batch softmax on wasm runs one kernel each way and leaks no tensor", async () => {
  await onBothBackends(() => []);
  const dy = seeded(700, 2, 1.5);
  const run = () => tf.dispose(tf.tidy(() => lossAndGradients(700, 8, dy, 1)));
  run();
  const before = tf.memory().numTensors;
  const info = await tf.profile(run);
  assert.equal(tf.memory().numTensors, before);
  const names = info.kernels.map((k) => k.name);
  assert.equal(names.filter((n) => n === "MtlkitInBatchSoftmaxGrad").length, 1);
  const extra = ["Exp", "PadV2"].filter((name) => names.includes(name));
  assert.deepEqual(extra, [], `no elementwise softmax or padding (slice-gradient) kernels: ${names.join(", ")}`);
});

test("fused in-batch softmax on wasm: the forward alone (evaluation) frees every wasm buffer", async () => {
  await onBothBackends(() => []);
  const backend = tf.backend() as tf.KernelBackend & { numDataIds(): number };
  const outputs = tf.tensor2d(seeded(300 * 16, 4), [300, 16]);
  tf.dispose(inBatchSoftmax.perSample(outputs, outputs));
  const before = [tf.memory().numTensors, backend.numDataIds()];
  for (let i = 0; i < 3; i++) tf.dispose(inBatchSoftmax.perSample(outputs, outputs));
  assert.deepEqual([tf.memory().numTensors, backend.numDataIds()], before);
  outputs.dispose();
});
