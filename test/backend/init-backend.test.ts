import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, setSeed, clearSeed, createRng, MtlError } from "../../src";

test("initBackend picks a backend that is present and names it in its report", async () => {
  const report = await initBackend();
  assert.equal(tf.getBackend(), report.backend);
  assert.match(report.summary, new RegExp(`^backend: ${report.backend}`));
  let nativeInstalled = true;
  try {
    require.resolve("@tensorflow/tfjs-node");
  } catch {
    nativeInstalled = false;
  }
  if (!nativeInstalled) {
    assert.equal(report.backend, "wasm");
    assert.ok(report.reasons.some((reason) => reason.includes("@tensorflow/tfjs-node not installed")));
  }
});

test("initBackend starts each requested backend that is present", async () => {
  for (const backend of ["cpu", "wasm"] as const) {
    const report = await initBackend({ backend });
    assert.equal(report.backend, backend);
    assert.equal(tf.getBackend(), backend);
    assert.match(report.summary, /requested/);
  }
});

test("initBackend rejects an unknown backend name with the known names", async () => {
  const previous = process.env.MTL_BACKEND;
  process.env.MTL_BACKEND = "webgpu";
  try {
    await assert.rejects(initBackend(), (error: unknown) => {
      assert.ok(error instanceof MtlError);
      assert.equal(error.code, "unknown-backend");
      assert.match(error.message, /"webgpu".*"tensorflow", "wasm", "cpu"/);
      return true;
    });
  } finally {
    if (previous === undefined) delete process.env.MTL_BACKEND;
    else process.env.MTL_BACKEND = previous;
  }
});

test("setSeed makes tfjs initialisers and random ops reproducible", async () => {
  await initBackend({ backend: "cpu" });
  setSeed(3);
  const first = tf.randomNormal([5]).dataSync();
  setSeed(3);
  const second = tf.randomNormal([5]).dataSync();
  setSeed(4);
  const third = tf.randomNormal([5]).dataSync();
  clearSeed();
  assert.deepEqual(Array.from(first), Array.from(second));
  assert.notDeepEqual(Array.from(first), Array.from(third));
});

test("createRng gives the same sequence for a seed and sound distributions", () => {
  const a = createRng(11);
  const b = createRng(11);
  const seqA = Array.from({ length: 20 }, () => a.next());
  const seqB = Array.from({ length: 20 }, () => b.next());
  assert.deepEqual(seqA, seqB);
  const rng = createRng(5);
  let sum = 0;
  let sumSquares = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const x = rng.normal();
    sum += x;
    sumSquares += x * x;
  }
  assert.ok(Math.abs(sum / n) < 0.03, `mean ${sum / n}`);
  assert.ok(Math.abs(sumSquares / n - 1) < 0.05, `variance ${sumSquares / n}`);
  const order = Array.from(createRng(1).permutation(100)).sort((x, y) => x - y);
  assert.deepEqual(
    order,
    Array.from({ length: 100 }, (_, i) => i),
  );
});
