// mtlkit's own wasm SIMD kernels (AssemblyScript sources in native/, built by scripts/build-native.mjs),
// instantiated on the wasm backend's memory so they read and write tensors where they live.
import { plainMemoryModule, sharedMemoryModule } from "./native-binary";
import type { WasmBackend } from "./wasm-ops";

/** The functions native/*.ts exports; pointers are byte offsets into the wasm backend's heap. */
export interface NativeKernels {
  adamUpdate(
    x: number,
    m: number,
    v: number,
    gradient: number,
    xOut: number,
    mOut: number,
    vOut: number,
    n: number,
    beta1: number,
    beta2: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    correction1: number,
    correction2: number,
    epsilon: number,
    negativeRate: number,
  ): void;
  batchedMatMul(
    a: number,
    b: number,
    out: number,
    batch: number,
    rows: number,
    inner: number,
    cols: number,
    aStride: number,
    bStride: number,
    transposeA: boolean,
    transposeB: boolean,
  ): void;
  expFloats(x: number, out: number, n: number): void;
  gruGates(
    projected: number,
    mixed: number,
    previous: number,
    resetHidden: number,
    update: number,
    reset: number,
    updateSlope: number,
    resetSlope: number,
    mask: number,
    hasMask: boolean,
    t: number,
    B: number,
    T: number,
    U: number,
    sigmoid: boolean,
  ): void;
  gruDoubledCandidate(projected: number, candidate: number, t: number, B: number, T: number, U: number): void;
  gruNextState(squashed: number, update: number, candidate: number, previous: number, next: number, n: number): void;
  gruCandidateBackward(
    carry: number,
    dyRow0: number,
    hasDy: boolean,
    dyRowStride: number,
    update: number,
    candidate: number,
    updateSlope: number,
    states: number,
    dCandidate: number,
    dMixed: number,
    dProjected: number,
    dGatesT: number,
    t: number,
    B: number,
    T: number,
    U: number,
  ): void;
  gruResetBackward(
    back: number,
    carry: number,
    reset: number,
    resetSlope: number,
    states: number,
    dMixed: number,
    dProjected: number,
    dGatesT: number,
    t: number,
    B: number,
    T: number,
    U: number,
  ): void;
  conv2dFilterGradient(
    x: number,
    dy: number,
    dw: number,
    batch: number,
    height: number,
    width: number,
    inChannels: number,
    outHeight: number,
    outWidth: number,
    outChannels: number,
    filterHeight: number,
    filterWidth: number,
    strideHeight: number,
    strideWidth: number,
    tapBegin: number,
    tapEnd: number,
  ): void;
  packInputGradientFilter(
    filter: number,
    packed: number,
    filterHeight: number,
    filterWidth: number,
    inChannels: number,
    outChannels: number,
  ): void;
  conv2dInputGradient(
    dy: number,
    packed: number,
    dx: number,
    batch: number,
    height: number,
    width: number,
    inChannels: number,
    outHeight: number,
    outWidth: number,
    outChannels: number,
    filterHeight: number,
    filterWidth: number,
    strideHeight: number,
    strideWidth: number,
  ): void;
  cropRows(
    grid: number,
    out: number,
    batch: number,
    height: number,
    width: number,
    channels: number,
    top: number,
    left: number,
    inHeight: number,
    inWidth: number,
  ): void;
  maxPoolGrad2x2(
    x: number,
    dy: number,
    dx: number,
    batch: number,
    inHeight: number,
    inWidth: number,
    channels: number,
    outHeight: number,
    outWidth: number,
  ): void;
  /** C = op(A)·B (+ bias) (relu); see native/dense.ts. */
  gemm(
    a: number,
    b: number,
    c: number,
    bias: number,
    m: number,
    k: number,
    n: number,
    aRow: number,
    aCol: number,
    bRow: number,
    hasBias: number,
    relu: number,
  ): void;
  /** Transposes a [rows, cols] matrix with row stride `stride` floats into a contiguous [cols, rows]. */
  transpose(from: number, to: number, rows: number, cols: number, stride: number): void;
  /** Column sums of a row-major [rows, cols] matrix, adding rows in order. */
  sumRows(from: number, to: number, rows: number, cols: number): void;
  /** Per score row of a chunk: log Σ exp and the loss; see native/softmax.ts. */
  rowLogSumExp(scores: number, rows: number, size: number, start: number, loss: number, norms: number): void;
  /** Per score row of a chunk, in place: dy_i (p_ij − [j = start + i]); see native/softmax.ts. */
  softmaxWeights(scores: number, rows: number, size: number, start: number, dy: number, norms: number): void;
  /** Rows [left_i; right_i] of two [rows, width] matrices into one [rows, 2·width]. */
  interleave(left: number, right: number, out: number, rows: number, width: number): void;
  /** to += from over n floats. */
  addInto(from: number, to: number, n: number): void;
  /** A valid NHWC convolution of images [imageBegin, imageEnd); see native/conv-forward.ts. */
  conv2dForward(
    x: number,
    w: number,
    y: number,
    height: number,
    width: number,
    inChannels: number,
    outHeight: number,
    outWidth: number,
    outChannels: number,
    filterHeight: number,
    filterWidth: number,
    strideHeight: number,
    strideWidth: number,
    imageBegin: number,
    imageEnd: number,
  ): void;
  /** dx = dy · step(x) over n floats; see native/activation.ts. */
  reluGradient(x: number, dy: number, dx: number, n: number): void;
}

// The Emscripten module's memory: exported by the plain build, created by JS for the threaded one.
type EmscriptenModule = WasmBackend["wasm"] & {
  asm?: { memory?: WebAssembly.Memory };
  wasmMemory?: WebAssembly.Memory;
};

const instances = new WeakMap<object, NativeKernels>();
const modules = new WeakMap<object, NativeModule>();

/** The compiled native module for a wasm backend and the memory it is instantiated on. */
export interface NativeModule {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
}

/**
 * Whether the wasm backend runs its threaded build, whose memory is a SharedArrayBuffer: there XNNPACK
 * splits its products over its threads, and mtlkit's native kernels split theirs over helper workers on the
 * same memory (native-threads.ts).
 *
 * @example
 * await initBackend({ backend: "wasm" }); // one thread: the plain build
 * sharesMemory(tf.backend() as WasmBackend); // → false
 * await tf.setBackend("cpu");
 */
export function sharesMemory(backend: WasmBackend): boolean {
  const module = backend.wasm as EmscriptenModule;
  const memory = module.wasmMemory ?? module.asm?.memory;
  return typeof SharedArrayBuffer !== "undefined" && memory?.buffer instanceof SharedArrayBuffer;
}

/**
 * The native kernels bound to `backend`'s heap, instantiated on first use (one small module, compiled
 * synchronously). Throws when the backend exposes no memory, which only a changed tfjs-backend-wasm would do.
 *
 * @example
 * await initBackend({ backend: "wasm" });
 * typeof nativeKernels(tf.backend() as WasmBackend).adamUpdate; // → "function"
 * await tf.setBackend("cpu");
 */
export function nativeKernels(backend: WasmBackend): NativeKernels {
  const cached = instances.get(backend.wasm);
  if (cached !== undefined) return cached;
  const { memory, module } = nativeModule(backend);
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as NativeKernels;
  instances.set(backend.wasm, kernels);
  return kernels;
}

/**
 * The native module compiled for `backend` (the shared-memory variant on the threaded build) and the
 * backend's memory, which every instance of it imports: the calling thread's and its helpers'
 * (see native-threads.ts). Compiled once per backend.
 *
 * @example
 * await initBackend({ backend: "wasm" });
 * WebAssembly.Module.exports(nativeModule(tf.backend() as WasmBackend).module).length > 10; // → true
 * await tf.setBackend("cpu");
 */
export function nativeModule(backend: WasmBackend): NativeModule {
  const cached = modules.get(backend.wasm);
  if (cached !== undefined) return cached;
  const emscripten = backend.wasm as EmscriptenModule;
  const memory = emscripten.wasmMemory ?? emscripten.asm?.memory;
  if (memory === undefined) throw new Error("mtlkit's native kernels found no memory on the wasm backend");
  const bytes = decodeBase64(sharesMemory(backend) ? sharedMemoryModule : plainMemoryModule);
  const compiled = { memory, module: new WebAssembly.Module(bytes) };
  modules.set(backend.wasm, compiled);
  return compiled;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
