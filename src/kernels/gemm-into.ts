import type * as tf from "@tensorflow/tfjs-core";
import type { WasmBackend } from "./wasm-ops";

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
 * out = a · b with XNNPACK, written into an existing tensor or view `out` (no allocation): a is
 * [rows, inner], b is [inner, cols], both row-major. XNNPACK caches b packed under b's tensor id,
 * so a constant right operand reused across calls (a recurrent kernel over time steps) is packed once.
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
  const id = (info: tf.TensorInfo) => backend.dataIdMap.get(info.dataId).id;
  rawGemm(backend)(id(a), shapeBytes(rows, inner), 3, id(b), shapeBytes(inner, cols), 3, false, false, id(out));
}
