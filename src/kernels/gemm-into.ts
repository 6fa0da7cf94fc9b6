import type * as tf from "@tensorflow/tfjs-core";
import type { WasmBackend } from "./wasm-ops";
import { nativeKernels, sharesMemory } from "./native";

type RawGemm = (
  aId: number,
  aShape: Uint8Array,
  aRank: number,
  bId: number,
  bShape: Uint8Array,
  bRank: number,
  transposeA: boolean,
  transposeB: boolean,
  outId: number,
) => void;

const rawGemms = new WeakMap<object, RawGemm>();

function rawGemm(backend: WasmBackend): RawGemm {
  let gemm = rawGemms.get(backend.wasm);
  if (gemm === undefined) {
    const types = ["number", "array", "number", "number", "array", "number", "number", "number", "number"];
    gemm = backend.wasm.cwrap("BatchMatMul", null, types) as RawGemm;
    rawGemms.set(backend.wasm, gemm);
  }
  return gemm;
}

const shapeBytes = (rows: number, cols: number) => new Uint8Array(new Int32Array([1, rows, cols]).buffer);

/**
 * Above this many multiply-adds the threaded build hands a product to XNNPACK, which splits it over its
 * threads; mtlkit's native GEMM runs on the calling thread. One thread always runs natively: no operator
 * per call and no packing, ≈ 7 % of a GRU training step (the gru bench workload, 40 steps of
 * [128, 64] · [64, 128] forward and backward plus products over all 5,120 rows).
 */
const threadedNativeLimit = 1 << 20;

/**
 * out = a · b, written into an existing tensor or view `out` (no allocation): a is [rows, inner], b is
 * [inner, cols], both row-major. mtlkit's native GEMM (native/dense.ts) computes it, or, for large products
 * on the threaded build, XNNPACK, which caches b packed under b's tensor id.
 *
 * @example
 * await tf.setBackend("wasm");
 * const [a, b, out] = [tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]), tf.tensor2d([[0]])];
 * gemmInto(tf.backend() as never, a, b, out, [1, 2, 1]);
 * out.dataSync(); // → [11]
 * await tf.setBackend("cpu");
 */
export function gemmInto(
  backend: WasmBackend,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  out: tf.TensorInfo,
  [rows, inner, cols]: [number, number, number],
): void {
  if (!sharesMemory(backend) || rows * inner * cols <= threadedNativeLimit) {
    const at = (info: tf.TensorInfo) => backend.dataIdMap.get(info.dataId).memoryOffset;
    nativeKernels(backend).gemm(at(a), at(b), at(out), 0, rows, inner, cols, inner, 1, cols, 0, 0);
    return;
  }
  const id = (info: tf.TensorInfo) => backend.dataIdMap.get(info.dataId).id;
  rawGemm(backend)(id(a), shapeBytes(rows, inner), 3, id(b), shapeBytes(inner, cols), 3, false, false, id(out));
}
