import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src";

test("chained tensor methods work and agree with the functional ops", async () => {
  await initBackend({ backend: "cpu" });
  const x = tf.tensor2d([[1, -2], [3, 4]]) as tf.Tensor2D & Record<string, (...args: unknown[]) => tf.Tensor>;
  assert.deepEqual(x.flatten().shape, [4]);
  assert.deepEqual(Array.from(x.square().dataSync()), [1, 4, 9, 16]);
  assert.deepEqual(Array.from(x.matMul(x).dataSync()), Array.from(tf.matMul(x, x).dataSync()));
  assert.equal(x.toInt().dtype, "int32");
  assert.deepEqual(x.as1D().shape, [4]);
});

test("a tfjs-layers GRU runs under plain Node (CommonJS, no tsx) once mtlkit is loaded", () => {
  const script = `
    const tf = require("@tensorflow/tfjs-core");
    const tfl = require("@tensorflow/tfjs-layers");
    const mtl = require("mtlkit");
    mtl.initBackend({ backend: "wasm" }).then(() => {
      const gru = tfl.layers.gru({ units: 3 });
      const y = gru.apply(tf.ones([2, 4, 5]));
      const grads = tf.grads((x) => tf.sum(gru.apply(x)))([tf.ones([2, 4, 5])]);
      console.log(JSON.stringify({ shape: y.shape, grad: grads[0].shape }));
    });`;
  const result = spawnSync(process.execPath, ["-e", script], { cwd: join(__dirname, "..", ".."), encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout.trim().split("\n").pop() as string), { shape: [2, 3], grad: [2, 4, 5] });
});
