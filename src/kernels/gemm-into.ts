import type * as tf from "@tensorflow/tfjs-core";
import type { WasmBackend } from "./wasm-ops";
import { runNative, workRanges } from "./native-threads";

/**
 * out = a · b, written into an existing tensor or view `out` (no allocation): a is [rows, inner], b is
 * [inner, cols], both row-major, by mtlkit's native GEMM (native/dense.ts): no operator per call and no
 * packing. On the threaded build, products past 2²⁰ multiply-adds split their rows between threads.
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
  const at = (info: tf.TensorInfo) => backend.dataIdMap.get(info.dataId).memoryOffset;
  // A GRU's per-step [128, 64] · [64, 128] (2²⁰ multiply-adds) stays on one thread: waking the helper 160
  // times a step cost more than it saved (gru workload at 2 threads: ≈ 2,600 samples/s splitting products of
  // 2¹⁸ multiply-adds and up, ≈ 3,900 splitting only those past 2²⁰, ≈ 3,550 when XNNPACK took those).
  const ranges = workRanges(backend, rows, rows * inner * cols, { align: 4 });
  runNative(
    backend,
    "gemm",
    ranges.map(([begin, end]) => [
      at(a) + 4 * begin * inner,
      at(b),
      at(out) + 4 * begin * cols,
      0,
      end - begin,
      inner,
      cols,
      inner,
      1,
      cols,
      0,
      0,
    ]),
  );
}
