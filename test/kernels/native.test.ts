import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { nativeKernels } from "../../src/kernels/native";
import type { WasmBackend } from "../../src/kernels/wasm-ops";
import { onBothBackends } from "./compare-backends";

test("the committed native binary is what native/*.ts compiles to (npm run build:native)", async () => {
  const script = join(__dirname, "../../scripts/build-native.mjs");
  // --check exits 1 (and execFileSync throws) when the sources and the committed binary disagree.
  const output = execFileSync(process.execPath, [script, "--check"], { encoding: "utf8" });
  assert.match(output, /up to date/);
});

test("native kernels share the wasm backend's heap: adamUpdate reads and writes tensors in place", async () => {
  await onBothBackends(() => []);
  await tf.setBackend("wasm");
  const backend = tf.backend() as WasmBackend;
  const kernels = nativeKernels(backend);
  assert.equal(nativeKernels(backend), kernels, "instantiated once per backend");
  const n = 7; // four SIMD lanes and a scalar tail of three
  const inputs = [1, 2, 3, 4].map((k) => tf.tensor1d(Array.from({ length: n }, (_, i) => k * 0.1 * (i + 1))));
  const outputs = [0, 1, 2].map(() => tf.zeros([n]));
  const [x, m, v, g] = inputs.map((t) => backend.dataIdMap.get(t.dataId).memoryOffset) as number[];
  const [xo, mo, vo] = outputs.map((t) => backend.dataIdMap.get(t.dataId).memoryOffset) as number[];
  kernels.adamUpdate(x!, m!, v!, g!, xo!, mo!, vo!, n, 0.9, 0.999, 0.1, 0.001, 0.1, 0.001, 1e-7, -0.01);
  const [xs, ms, vs, gs] = inputs.map((t) => t.dataSync());
  const [x1, m1, v1] = outputs.map((t) => t.dataSync());
  for (let i = 0; i < n; i++) {
    const mExpected = ms![i]! * 0.9 + gs![i]! * 0.1;
    const vExpected = vs![i]! * 0.999 + gs![i]! * gs![i]! * 0.001;
    const xExpected = xs![i]! - (0.01 * (mExpected / 0.1)) / (Math.sqrt(vExpected / 0.001) + 1e-7);
    assert.ok(Math.abs(m1![i]! - mExpected) <= 1e-6 * Math.abs(mExpected), `m[${i}]`);
    assert.ok(Math.abs(v1![i]! - vExpected) <= 1e-6 * Math.abs(vExpected), `v[${i}]`);
    assert.ok(Math.abs(x1![i]! - xExpected) <= 1e-6 * Math.abs(xExpected), `x[${i}]`);
  }
  tf.dispose([...inputs, ...outputs]);
});

test("the native SIMD exp (the GRU's sigmoid) is within 3e-7 of Math.exp from −87 to 88, tail lanes included", async () => {
  await onBothBackends(() => []);
  await tf.setBackend("wasm");
  const backend = tf.backend() as WasmBackend;
  const n = 4003;
  const x = tf.tensor1d(Float32Array.from({ length: n }, (_, i) => -87 + (175 * i) / (n - 1)));
  const out = tf.zeros([n]);
  const at = (t: tf.Tensor) => backend.dataIdMap.get(t.dataId).memoryOffset;
  nativeKernels(backend).expFloats(at(x), at(out), n);
  const [xs, ys] = [x.dataSync(), out.dataSync()];
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(ys[i]! / Math.exp(xs[i]!) - 1));
  assert.ok(worst <= 3e-7, `worst relative error ${worst}`);
  tf.dispose([x, out]);
});
