import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, MtlError } from "../../src";
import { relativeError } from "../kernels/compare-backends";
import { batchFor, embeddingGru, initialWeights, lenet, trainSteps } from "../kernels/train-models";

/** CPU time (utime + stime, in clock ticks) of each thread of this process, by thread id. */
function threadTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const id of readdirSync("/proc/self/task")) {
    // Fields after the command's closing parenthesis: state is field 3, utime 14 and stime 15.
    const fields = readFileSync(`/proc/self/task/${id}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    ticks.set(id, Number(fields[11]) + Number(fields[12]));
  }
  return ticks;
}

test("threads: 2 loads the threaded SIMD build, and a GEMM keeps two threads busy", async (t) => {
  const report = await initBackend({ backend: "wasm", threads: 2 });
  assert.equal(report.threads, 2, report.summary);
  assert.match(report.summary, /tfjs-backend-wasm-threaded-simd\.wasm, 2 threads/);
  if (!existsSync("/proc/self/task")) return t.skip("per-thread CPU times need Linux's /proc");
  const [a, b] = [tf.randomUniform([768, 768]), tf.randomUniform([768, 768])];
  tf.matMul(a, b).dispose(); // XNNPACK packs b and starts its pool on the first call
  const before = threadTicks();
  for (let i = 0; i < 12; i++) tf.matMul(a, b).dataSync();
  const busy = [...threadTicks()].map(([id, ticks]) => ticks - (before.get(id) ?? 0)).sort((x, y) => y - x);
  tf.dispose([a, b]);
  const total = busy.reduce((sum, ticks) => sum + ticks, 0);
  // XNNPACK splits each GEMM into tiles shared by the pool: with 2 threads the second-busiest thread
  // does a good share (under load a descheduled thread's tiles are taken over, hence not 50%).
  assert.ok((busy[1] ?? 0) >= 0.2 * total, `CPU ticks per thread during the GEMMs: ${busy.join(", ")}`);
});

test("a model trains to the same losses with 1 and 2 wasm threads", async () => {
  for (const [name, build, batch] of [
    ["LeNet", () => lenet(28), (model: ReturnType<typeof lenet>) => batchFor(model, 16, 3)],
    ["embedding + GRU", () => embeddingGru(60, 8), (model: ReturnType<typeof lenet>) => batchFor(model, 16, 4, 60)],
  ] as const) {
    await initBackend({ backend: "cpu" });
    const weights = initialWeights(build, 7);
    const data = batch(build());
    const losses: Record<number, Float32Array> = {};
    for (const threads of [1, 2]) {
      const report = await initBackend({ backend: "wasm", threads });
      assert.equal(report.threads, threads);
      // At 2 threads the heap is shared memory; grow it first (32 MB more), so the kernels' views of
      // the heap must follow a grown SharedArrayBuffer.
      const heap = () => (tf.backend() as unknown as { wasm: { HEAPF32: Float32Array } }).wasm.HEAPF32.buffer;
      const before = heap().byteLength;
      const ballast = tf.zeros([8_000_000]);
      assert.equal(heap() instanceof SharedArrayBuffer, threads > 1);
      assert.ok(heap().byteLength > before, `the heap should grow from ${before} bytes`);
      const run = trainSteps(build, weights, data, 4);
      ballast.dispose();
      assert.deepEqual(run.liveTensors.slice(1), run.liveTensors.slice(0, -1), `${name} leaks at ${threads} threads`);
      losses[threads] = Float32Array.from(run.losses);
    }
    const [one, two] = [losses[1] as Float32Array, losses[2] as Float32Array];
    assert.ok((one[3] as number) < (one[0] as number), `${name}: loss should fall on one repeated batch: ${one}`);
    // Threads may change the order of summation, so allow float32 rounding, not more.
    assert.ok(relativeError(two, one) <= 1e-5, `${name}: 2 threads ${two} vs 1 thread ${one}`);
  }
});

test("threads must be a whole number from 1 to 8, from the option or MTL_THREADS", async () => {
  for (const threads of [0, 1.5, 9]) {
    await assert.rejects(initBackend({ backend: "wasm", threads }), (error: unknown) => {
      assert.ok(error instanceof MtlError);
      assert.equal(error.code, "bad-threads");
      assert.match(error.message, /option threads is \S+ but must be a whole number of threads from 1 to 8/);
      return true;
    });
  }
  const previous = process.env.MTL_THREADS;
  process.env.MTL_THREADS = "two";
  try {
    await assert.rejects(initBackend({ backend: "wasm" }), /MTL_THREADS is "two"/);
  } finally {
    if (previous === undefined) delete process.env.MTL_THREADS;
    else process.env.MTL_THREADS = previous;
  }
});

test("when the threaded build cannot start, initBackend warns and runs one thread", () => {
  // A wasm path set with tfjs's setWasmPath makes tfjs load its single-thread module whatever it is
  // asked; run that in a child process, since the path cannot be unset.
  const script = [
    `const wasm = require("@tensorflow/tfjs-backend-wasm");`,
    `wasm.setWasmPath(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"));`,
    `require(${JSON.stringify(path.resolve(__dirname, "../../src"))}).initBackend({ backend: "wasm", threads: 2 })`,
    `  .then((report) => console.log(JSON.stringify({ threads: report.threads, summary: report.summary })));`,
  ].join("\n");
  const child = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8", timeout: 120_000 });
  const report = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as { threads?: number; summary?: string };
  assert.equal(report.threads, 1, child.stderr);
  assert.match(report.summary ?? "", /2 threads requested but the threaded build started with 1 thread/);
  assert.match(child.stderr, /mtlkit warning: 2 wasm threads requested but .*running the single-thread build instead/);
});
