// Helper threads for mtlkit's native kernels on the threaded wasm backend. XNNPACK splits its own products
// over its pthreads, but the native kernels (convolution gradients, pooling) ran on the calling thread only,
// so at 2 threads the convolution workloads used one core for half their step. Each helper is a Node worker
// holding a second instance of the native module on the same shared memory; a call gives it a range of the
// work (disjoint outputs, each summed in the same order as on one thread, so results are bit-identical) and
// waits with Atomics for it to finish. Nothing is allocated in the heap: the module owns no memory.
import * as wasmPackage from "@tensorflow/tfjs-backend-wasm";
import { Worker } from "node:worker_threads";
import { type NativeKernels, nativeModule, nativeKernels, sharesMemory } from "./native";
import type { WasmBackend } from "./wasm-ops";

/** A native kernel whose arguments are all numbers or booleans (every export of native/*.ts). */
export type NativeKernelName = keyof NativeKernels;

// Control block of one helper, in Int32 slots: the job number posted, the job number finished, whether the
// module is instantiated, and whether the last job threw. Arguments follow as float64s.
const posted = 0;
const finished = 1;
const ready = 2;
const failed = 3;
const maxArguments = 24;

// The worker's source: CommonJS, evaluated by Node (no file to resolve from src/ or dist/).
const workerSource = `
const { workerData } = require("node:worker_threads");
const { memory, module, control, names } = workerData;
const flags = new Int32Array(control, 0, 4);
const args = new Float64Array(control, 16, ${maxArguments + 2});
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
Atomics.store(flags, ${ready}, 1);
for (let seen = 0; ; ) {
  Atomics.wait(flags, ${posted}, seen);
  seen = Atomics.load(flags, ${posted});
  try {
    exports[names[args[0]]](...args.subarray(2, 2 + args[1]));
  } catch {
    Atomics.store(flags, ${failed}, 1);
  }
  Atomics.store(flags, ${finished}, seen);
  Atomics.notify(flags, ${finished});
}`;

interface Helper {
  flags: Int32Array;
  args: Float64Array;
  job: number;
}

const helpersOf = new WeakMap<object, Helper[]>();

/**
 * How many threads mtlkit's native kernels can split work over on `backend`: 1 on the plain build, and on the
 * threaded build the backend's thread count once its helper workers are up (they start on the first call,
 * in the background, so the first calls may still answer 1).
 *
 * @example
 * await initBackend({ backend: "wasm" }); // one thread
 * nativeThreads(tf.backend() as WasmBackend); // → 1
 * await tf.setBackend("cpu");
 */
export function nativeThreads(backend: WasmBackend): number {
  return 1 + helpers(backend).filter((helper) => Atomics.load(helper.flags, ready) === 1).length;
}

/**
 * Runs the native kernel `name` once per argument list in `parts`, the first on the calling thread and the
 * others on helper threads at the same time, and returns when all have finished. The parts must write
 * disjoint memory. With fewer helpers ready than parts, the rest run on the calling thread in order.
 *
 * @example
 * await initBackend({ backend: "wasm" });
 * const wasm = tf.backend() as WasmBackend;
 * const x = tf.tensor1d([1, 2, 3, 4, 5, 6, 7, 8]);
 * const y = tf.zeros([8]);
 * const at = (t: tf.Tensor) => wasm.dataIdMap.get(t.dataId).memoryOffset;
 * runNative(wasm, "addInto", [[at(x), at(y), 4], [at(x) + 16, at(y) + 16, 4]]); // y += x, in two halves
 * Array.from(y.dataSync()); // → [1, 2, 3, 4, 5, 6, 7, 8]
 * tf.dispose([x, y]);
 * await tf.setBackend("cpu");
 */
export function runNative<K extends NativeKernelName>(
  backend: WasmBackend,
  name: K,
  parts: readonly Parameters<NativeKernels[K]>[],
): void {
  const kernel = nativeKernels(backend)[name] as (...values: Parameters<NativeKernels[K]>) => void;
  const available = helpers(backend).filter((helper) => Atomics.load(helper.flags, ready) === 1);
  const started: Helper[] = [];
  for (let i = 1; i < parts.length && started.length < available.length; i++) {
    const helper = available[started.length];
    post(helper, names.indexOf(name), parts[i]);
    started.push(helper);
  }
  kernel(...parts[0]);
  for (let i = 1 + started.length; i < parts.length; i++) kernel(...parts[i]);
  for (const helper of started) wait(helper, name);
}

/**
 * The ranges [begin, end) of `total` items (images, rows, taps) that `backend`'s native kernels split between
 * threads: one range for all when the call's `work` (multiply-adds, or values moved) is at most `minimumWork`,
 * since waking a helper costs tens of microseconds; otherwise one per thread, cut at multiples of `align`.
 *
 * @example
 * await initBackend({ backend: "wasm" }); // one thread: never split
 * workRanges(tf.backend() as WasmBackend, 128, 2 ** 24); // → [[0, 128]]
 * await tf.setBackend("cpu");
 */
export function workRanges(
  backend: WasmBackend,
  total: number,
  work: number,
  { align = 1, minimumWork = 2 ** 20 }: { align?: number; minimumWork?: number } = {},
): [number, number][] {
  return work > minimumWork ? splitRange(total, nativeThreads(backend), align) : [[0, total]];
}

/**
 * Splits `total` items into `count` contiguous ranges [begin, end) whose boundaries are multiples of `align`
 * (the last range ends at `total`), as even as that allows; empty ranges are dropped.
 *
 * @example
 * splitRange(10, 2, 4); // → [[0, 4], [4, 10]]
 * splitRange(128, 2, 1); // → [[0, 64], [64, 128]]
 */
export function splitRange(total: number, count: number, align = 1): [number, number][] {
  const ranges: [number, number][] = [];
  let begin = 0;
  for (let i = 1; i <= count && begin < total; i++) {
    const end = i === count ? total : Math.min(total, align * Math.round((total * i) / count / align));
    if (end > begin) ranges.push([begin, end]);
    begin = Math.max(begin, end);
  }
  return ranges;
}

// The export names, in a fixed order both sides index by.
let names: string[] = [];

function helpers(backend: WasmBackend): Helper[] {
  const module = backend.wasm as object;
  const known = helpersOf.get(module);
  if (known !== undefined) return known;
  const started: Helper[] = [];
  helpersOf.set(module, started);
  if (!sharesMemory(backend)) return started;
  const { memory, module: compiled } = nativeModule(backend);
  names = WebAssembly.Module.exports(compiled)
    .filter((entry) => entry.kind === "function")
    .map((entry) => entry.name);
  for (let i = 1; i < wasmPackage.getThreadsCount(); i++) {
    const control = new SharedArrayBuffer(16 + 8 * (maxArguments + 2));
    const worker = new Worker(workerSource, { eval: true, workerData: { memory, module: compiled, control, names } });
    // A helper never keeps the process alive; an error (it cannot start) leaves it not ready, so unused.
    worker.unref();
    worker.on("error", () => undefined);
    started.push({
      flags: new Int32Array(control, 0, 4),
      args: new Float64Array(control, 16, maxArguments + 2),
      job: 0,
    });
  }
  return started;
}

function post(helper: Helper, index: number, values: readonly (number | boolean)[]): void {
  helper.args[0] = index;
  helper.args[1] = values.length;
  for (let i = 0; i < values.length; i++) helper.args[2 + i] = Number(values[i]);
  helper.job += 1;
  Atomics.store(helper.flags, posted, helper.job);
  Atomics.notify(helper.flags, posted);
}

function wait(helper: Helper, name: string): void {
  while (Atomics.load(helper.flags, finished) !== helper.job) Atomics.wait(helper.flags, finished, helper.job - 1);
  if (Atomics.exchange(helper.flags, failed, 0) === 1)
    throw new Error(
      `mtlkit's native kernel ${name} failed on a helper thread (a wasm trap: an argument is out of range)`,
    );
}
