import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/** Runs a CommonJS script against the built package in a fresh process; returns its last stdout line as JSON. */
function runScript(script: string): unknown {
  const result = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").pop() as string);
}

test("importing mtlkit and initialising the backend patch nothing on tf.Tensor.prototype", () => {
  const seen = runScript(`
    const tf = require("@tensorflow/tfjs-core");
    const util = require("node:util");
    const before = Object.getOwnPropertyNames(tf.Tensor.prototype).sort().join(",");
    const mtl = require("mtlkit");
    mtl.initBackend({ backend: "cpu" }).then(() => {
      const after = Object.getOwnPropertyNames(tf.Tensor.prototype).sort().join(",");
      const inspect = tf.Tensor.prototype[util.inspect.custom] !== undefined;
      console.log(JSON.stringify({ same: before === after, square: typeof tf.ones([1]).square, inspect }));
    });`);
  assert.deepEqual(seen, { same: true, square: "undefined", inspect: false });
});

test("installChainedOps is an explicit opt-in; the methods agree with the functional ops", () => {
  const seen = runScript(`
    const tf = require("@tensorflow/tfjs-core");
    const mtl = require("mtlkit");
    mtl.initBackend({ backend: "cpu" }).then(() => {
      mtl.installChainedOps();
      const x = tf.tensor2d([[1, -2], [3, 4]]);
      console.log(JSON.stringify({
        flat: x.flatten().shape, square: Array.from(x.square().dataSync()),
        matMul: Array.from(x.matMul(x).dataSync()), expected: Array.from(tf.matMul(x, x).dataSync()),
        int: x.toInt().dtype, as1D: x.as1D().shape,
      }));
    });`);
  assert.deepEqual(seen, {
    flat: [4],
    square: [1, 4, 9, 16],
    matMul: [-5, -10, 15, 10],
    expected: [-5, -10, 15, 10],
    int: "int32",
    as1D: [4],
  });
});

test("a tfjs-layers GRU (orthogonal init calls x.flatten()) builds inside layerStack and leaves the prototype clean", () => {
  const seen = runScript(`
    const tf = require("@tensorflow/tfjs-core");
    const tfl = require("@tensorflow/tfjs-layers");
    const mtl = require("mtlkit");
    mtl.initBackend({ backend: "wasm" }).then(() => {
      const gru = tfl.layers.gru({ units: 3 });
      const trunk = mtl.layerStack({ layers: [gru], inputShape: [4, 5] });
      const shape = trunk.build();
      const grads = tf.grads((x) => tf.sum(trunk.apply(x, { training: true })))([tf.ones([2, 4, 5])]);
      console.log(JSON.stringify({ shape, grad: grads[0].shape, flatten: typeof tf.ones([1]).flatten }));
    });`);
  assert.deepEqual(seen, { shape: [3], grad: [2, 4, 5], flatten: "undefined" });
});

test("readable tensor printing is an initBackend option", () => {
  const seen = runScript(`
    const tf = require("@tensorflow/tfjs-core");
    const util = require("node:util");
    const mtl = require("mtlkit");
    mtl.initBackend({ backend: "cpu", readableTensors: true }).then(() => {
      console.log(JSON.stringify({ printed: util.inspect(tf.tensor([1, 2])) }));
    });`);
  assert.match((seen as { printed: string }).printed, /\[1, 2\]/);
});
