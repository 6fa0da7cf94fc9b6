import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { RELU_GRADIENT } from "../../src/kernels/relu-gradient";
import { seeded } from "./compare-backends";

// Odd length (scalar tail), signed zeros, infinities, NaN and a subnormal among seeded values.
const specials = [NaN, -0, 0, Infinity, -Infinity, 1e-45, -1e-45, 3, -3];
const xValues = Float32Array.from([...specials, ...seeded(1001, 7)]);
const dyValues = Float32Array.from([...[2, -2, NaN, 1, Infinity, -0, 5, -Infinity, 0], ...seeded(1001, 8)]);

function reluGrads(): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor1d(xValues);
    const dy = tf.tensor1d(dyValues);
    const dx = tf.grad((v: tf.Tensor) => tf.relu(v))(x, dy);
    // A gradient of a gradient goes through the kernel's own gradient.
    const second = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.grad((w: tf.Tensor) => tf.relu(w))(x, v), v)))(dy);
    return [dx, second].map((t) => Float32Array.from(t.dataSync()));
  });
}

test("ReLU's gradient on wasm is one native kernel, bit for bit tfjs-core's dy · cast(step(x)) on cpu", async () => {
  await initBackend({ backend: "wasm" });
  const calls: string[] = [];
  const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
  const runKernel = engine.runKernel.bind(engine);
  engine.runKernel = (name: string, ...rest: unknown[]) => (calls.push(name), runKernel(name, ...rest));
  const before = tf.memory().numTensors;
  const wasm = reluGrads();
  engine.runKernel = runKernel;
  assert.equal(tf.memory().numTensors, before, "no tensors leak");
  assert.ok(calls.includes(RELU_GRADIENT), "the wasm gradient runs mtlkit's kernel");
  assert.ok(!calls.includes("Step"), "and not tfjs-core's Step + Cast + Multiply");
  await tf.setBackend("cpu");
  const cpu = reluGrads();
  await tf.setBackend("wasm");
  for (const [i, values] of wasm.entries()) {
    const differ = values.findIndex((value, j) => !Object.is(value, cpu[i]?.[j]));
    assert.equal(differ, -1, `output ${i} differs at ${differ}: wasm ${values[differ]}, cpu ${cpu[i]?.[differ]}`);
  }
});
