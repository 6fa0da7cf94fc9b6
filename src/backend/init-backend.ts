import * as tf from "@tensorflow/tfjs-core";
import os from "node:os";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
// tfjs-core's CommonJS build registers no gradients; tfjs-layers' build registers them all.
import "@tensorflow/tfjs-layers";
import { registerCpuKernelFixes, registerWasmTrainingKernels } from "../kernels";
import { mtlError, knownNames, warnOnce } from "../errors";
import { readableTensors } from "./readable-tensors";
import { checkOptions, optionNames } from "../check-options";
import { startWasm } from "./start-wasm";

const initBackendOptionNames = optionNames<InitBackendOptions>({
  backend: true,
  threads: true,
  print: true,
  readableTensors: true,
});

// tfjs-backend-wasm 4.22 pre-creates 8 pthread workers and caps XNNPACK's pool at 8 threads.
const maxThreads = 8;

/** The backends mtlkit can run on, fastest first. */
export const backendNames = ["tensorflow", "wasm", "cpu"] as const;
export type BackendName = (typeof backendNames)[number];

/** What {@link initBackend} chose, and why. */
export interface BackendReport {
  /** The backend tfjs now runs on. */
  backend: BackendName;
  /** One line per backend considered, in order, saying why it was or was not used. */
  reasons: string[];
  /** mtlkit training kernels registered for this backend (empty unless `wasm`). */
  kernels: string[];
  /**
   * Threads the backend computes with: XNNPACK's thread count on `wasm` (as the backend reports it),
   * 1 on `cpu`; absent on `tensorflow`, where libtensorflow decides.
   */
  threads?: number;
  /** tfjs-core version in use. */
  tfjsVersion: string;
  /** A human-readable summary, e.g. "backend: wasm (tfjs-node not installed; ...)". */
  summary: string;
}

/** Options for {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Use this backend instead of the fastest one, failing clearly if it cannot start.
   * Defaults to the environment variable `MTL_BACKEND`, else automatic choice.
   */
  backend?: BackendName;
  /**
   * XNNPACK threads for the `wasm` backend: 1 runs the single-thread SIMD build (as before), 2–8 the
   * threaded SIMD build with emscripten pthreads in worker threads. Defaults to the environment
   * variable `MTL_THREADS`, else 1. When the threads cannot start, mtlkit warns and runs one thread.
   * Changing it restarts the wasm backend, which loses the tensors held on it.
   */
  threads?: number;
  /** Print the summary to stdout. Default: false. */
  print?: boolean;
  /**
   * Make `console.log(tensor)` and a notebook cell ending in a tensor print its values (see
   * `readableTensors`); this patches `util.inspect` on tensors, so it is opt-in. Default: false.
   */
  readableTensors?: boolean;
}

function tryLoadNative(packageName: string): string | undefined {
  try {
    require.resolve(packageName);
  } catch {
    return `${packageName} not installed`;
  }
  try {
    require(packageName);
  } catch (error) {
    return `${packageName} is installed but failed to load: ${(error as Error).message.split("\n")[0]}`;
  }
  if (!tf.findBackendFactory("tensorflow")) {
    return (
      `${packageName} loaded but registered with another copy of @tensorflow/tfjs-core; install the version ` +
      `matching ${tf.version_core}`
    );
  }
  return undefined;
}

async function start(name: BackendName): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

function parseBackend(value: string | undefined): BackendName | undefined {
  if (value === undefined || value === "") return undefined;
  if ((backendNames as readonly string[]).includes(value)) return value as BackendName;
  throw mtlError({
    code: "unknown-backend",
    message: `backend "${value}" is not one mtlkit knows`,
    fix: `use one of ${knownNames(backendNames)}`,
  });
}

function parseThreads(value: number | string | undefined, source: string): number {
  if (value === undefined || value === "") return 1;
  const threads = Number(value);
  if (Number.isInteger(threads) && threads >= 1 && threads <= maxThreads) return threads;
  throw mtlError({
    code: "bad-threads",
    message: `${source} is ${JSON.stringify(value)} but must be a whole number of threads from 1 to ${maxThreads}`,
    fix: "use 1 for the single-thread build, or 2 on a machine with 2 cores or more",
  });
}

/**
 * Picks the fastest backend that is really present — `tensorflow` (when `@tensorflow/tfjs-node-gpu`
 * or `@tensorflow/tfjs-node` is installed and loads), else `wasm` with mtlkit's training kernels,
 * else `cpu` — and reports what it chose and why. Silences tfjs's "install the node backend" banner.
 *
 * @example
 * const report = await initBackend();
 * report.backend; // "wasm" on a machine without tfjs-node
 * report.summary; // "backend: wasm — tensorflow: @tensorflow/tfjs-node-gpu not installed, ..."
 * await initBackend({ backend: "cpu", readableTensors: true }); // console.log(tensor) now prints its values
 * // await initBackend({ backend: "wasm", threads: 2 }); // the threaded build: report.threads is 2
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendReport> {
  checkOptions("initBackend", options, initBackendOptionNames);
  tf.enableProdMode();
  if (options.readableTensors) readableTensors();
  const wanted = options.backend ?? parseBackend(process.env.MTL_BACKEND);
  const threads =
    options.threads === undefined
      ? parseThreads(process.env.MTL_THREADS, "MTL_THREADS")
      : parseThreads(options.threads, "initBackend's option threads");
  const reasons: string[] = [];
  let chosen: BackendName | undefined;

  if (wanted === undefined || wanted === "tensorflow") {
    const gpu = tryLoadNative("@tensorflow/tfjs-node-gpu");
    const cpu = gpu === undefined ? undefined : tryLoadNative("@tensorflow/tfjs-node");
    if (gpu === undefined || cpu === undefined) {
      if (await start("tensorflow")) chosen = "tensorflow";
      else reasons.push("tensorflow: native backend loaded but did not start");
    } else {
      reasons.push(`tensorflow: ${gpu}, ${cpu}`);
    }
  }
  let wasmThreads: number | undefined;
  if (chosen === undefined && (wanted === undefined || wanted === "wasm")) {
    const wasm = await startWasm(threads);
    if (wasm.started) {
      chosen = "wasm";
      wasmThreads = wasm.threads;
      reasons.push(`wasm: ${wasm.build}.wasm, ${wasm.threads} thread${wasm.threads > 1 ? "s" : ""}`);
    } else reasons.push("wasm: @tensorflow/tfjs-backend-wasm did not start");
    if (wasm.problem !== undefined) {
      warnOnce(
        "wasm-threads",
        `${threads} wasm threads requested but ${wasm.problem}; running the single-thread build instead`,
      );
      reasons.push(`wasm: ${threads} threads requested but ${wasm.problem}`);
    } else if (threads > os.availableParallelism()) {
      warnOnce(
        "wasm-threads-oversubscribed",
        `${threads} wasm threads on ${os.availableParallelism()} cores share them`,
      );
    }
  }
  if (chosen === undefined && (wanted === undefined || wanted === "cpu")) {
    if (await start("cpu")) chosen = "cpu";
  }
  if (chosen === undefined) {
    throw mtlError({
      code: "backend-unavailable",
      message: `backend "${wanted ?? "any"}" could not start (${reasons.join("; ")})`,
      fix: "install the package it needs, or call initBackend() without a backend to pick one that works",
    });
  }
  if (wanted !== undefined) reasons.unshift(`${wanted}: requested`);
  const kernels = chosen === "wasm" ? registerWasmTrainingKernels() : chosen === "cpu" ? registerCpuKernelFixes() : [];
  const summary = `backend: ${chosen} — ${reasons.join("; ") || `${chosen}: available`}`;
  if (options.print) console.log(summary);
  const used = chosen === "wasm" ? wasmThreads : chosen === "cpu" ? 1 : undefined;
  return { backend: chosen, reasons, kernels, threads: used, tfjsVersion: tf.version_core, summary };
}
