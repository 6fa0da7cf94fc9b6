// Starts @tensorflow/tfjs-backend-wasm 4.22 with a chosen number of XNNPACK threads in Node.
//
// tfjs never starts its threaded build in Node, for three reasons, each undone here at run time
// (node_modules stays untouched):
// 1. the flag WASM_HAS_MULTITHREAD_SUPPORT answers false whenever IS_NODE (tfjs issue #3830), so we
//    set it to true before the backend's factory runs;
// 2. emscripten's pthread workers are created with `new Worker(blob: URL)`, which Node's Worker cannot
//    load, and each is then told to import the main script from a Blob holding the bundled factory,
//    whose body refers to the bundle's rollup variables (`require$$0`, …) that do not exist in a worker.
//    So `globalThis.Worker` (which the emscripten glue reads) becomes a subclass of Node's Worker that
//    evaluates the package's own worker script and points the worker at the package's standalone
//    main script `wasm-out/tfjs-backend-wasm-threaded-simd.js` (same build as the bundled one);
// 3. the C++ side caps the thread count at emscripten_num_logical_cores() / 2 — it assumes two
//    hyper-threads per core, which makes 1 thread on a 2-core machine — and reads the core count once,
//    while the module starts. During that start only, `os.cpus()` lists twice the requested threads.
import * as tf from "@tensorflow/tfjs-core";
import * as wasmPackage from "@tensorflow/tfjs-backend-wasm";
import os from "node:os";
import * as path from "node:path";
import { Worker as NodeWorker, type TransferListItem, type WorkerOptions } from "node:worker_threads";

/** What {@link startWasm} started. */
export interface WasmStart {
  started: boolean;
  /** XNNPACK's thread count as the backend reports it (1 for the single-thread build). */
  threads: number;
  /** The wasm binary loaded. */
  build: "tfjs-backend-wasm-simd" | "tfjs-backend-wasm-threaded-simd";
  /** Why the requested threads could not start, when they could not. */
  problem?: string;
}

// The wasm backend's priority in tfjs-backend-wasm 4.22 (it exports no constant).
const wasmPriority = 2;
let wasmFactory: ReturnType<typeof tf.findBackendFactory> | undefined;

/**
 * Makes `wasm` the tfjs backend with `threads` XNNPACK threads (1 = the single-thread SIMD build).
 * A live wasm backend with another thread count is disposed and started again, so its tensors are lost.
 */
export async function startWasm(threads: number): Promise<WasmStart> {
  wasmFactory ??= tf.findBackendFactory("wasm");
  if (wasmFactory === null) return { started: false, threads: 0, build: "tfjs-backend-wasm-simd" };
  if (liveWasmThreads() !== undefined && liveWasmThreads() !== threads) restartWasm();
  if (threads === 1) return startBuild(1);
  const start = await startBuild(threads);
  if (start.started && start.threads === threads) return start;
  const problem = start.started
    ? `the threaded build started with ${start.threads} thread(s), not ${threads}`
    : "the threaded build did not start";
  restartWasm();
  return { ...(await startBuild(1)), problem };
}

/** The thread count of the wasm backend tfjs has already created, if any. */
function liveWasmThreads(): number | undefined {
  const registry = (tf.engine() as unknown as { registry: Record<string, unknown> }).registry;
  return registry.wasm === undefined ? undefined : wasmPackage.getThreadsCount();
}

function restartWasm(): void {
  tf.removeBackend("wasm");
  tf.registerBackend("wasm", wasmFactory as NonNullable<typeof wasmFactory>, wasmPriority);
}

async function startBuild(threads: number): Promise<WasmStart> {
  const threaded = threads > 1;
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", threaded);
  wasmPackage.setThreadsCount(threads);
  if (threaded) usePthreadWorkers();
  const cpus = os.cpus;
  if (threaded) os.cpus = () => Array.from({ length: 2 * threads }, () => cpus()[0]);
  let started = false;
  try {
    started = (await tf.setBackend("wasm")) && tf.getBackend() === "wasm";
  } catch {
    started = false;
  } finally {
    os.cpus = cpus;
  }
  const build = threaded ? "tfjs-backend-wasm-threaded-simd" : "tfjs-backend-wasm-simd";
  return { started, threads: started ? wasmPackage.getThreadsCount() : 0, build };
}

let installed = false;

/** Installs the Worker that emscripten's pthread code can start in Node (see the file's comment). */
function usePthreadWorkers(): void {
  if (installed) return;
  installed = true;
  const folder = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "wasm-out");
  const workerModule = require(path.join(folder, "tfjs-backend-wasm-threaded-simd.worker.js")) as {
    wasmWorkerContents: string;
  };
  // tfjs escapes the one newline inside a string literal the same way before making its blob.
  const workerScript = workerModule.wasmWorkerContents.replace(/\n/g, "\\n");
  const mainScript = path.join(folder, "tfjs-backend-wasm-threaded-simd.js");

  class PthreadWorker extends NodeWorker {
    private readonly pthread: boolean;
    constructor(filename: string | URL, options?: WorkerOptions) {
      const fromBlob = typeof filename === "string" && filename.startsWith("blob:");
      super(fromBlob ? workerScript : filename, fromBlob ? { ...options, eval: true } : options);
      this.pthread = fromBlob;
      if (fromBlob) this.unref();
    }
    // emscripten refs a worker while its pthread runs, and XNNPACK's pool threads run until the
    // backend is disposed, so the process could never exit. They only ever work while the main
    // thread waits for them inside a kernel, so nothing is lost when the process ends.
    override ref(): void {
      if (!this.pthread) super.ref();
    }
    override postMessage(message: unknown, transferList?: readonly TransferListItem[]): void {
      const load = message as { cmd?: unknown; urlOrBlob?: unknown } | null;
      if (load !== null && typeof load === "object" && load.cmd === "load" && typeof load.urlOrBlob !== "string") {
        load.urlOrBlob = mainScript;
      }
      super.postMessage(message, transferList);
    }
  }
  // The glue assigns Node's Worker to the global each time a module starts; keep ours in place.
  Object.defineProperty(globalThis, "Worker", { configurable: true, get: () => PthreadWorker, set: () => {} });
}
