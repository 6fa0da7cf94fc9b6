import * as tf from "@tensorflow/tfjs-core";
import { nativeKernels } from "./native";
import { runNative, workRanges } from "./native-threads";
import { type WasmBackend, free } from "./wasm-ops";

/** Options of {@link nativeGemm}. */
export interface NativeGemmOptions {
  transposeA: boolean;
  transposeB: boolean;
  /** A [n] vector added to every row, or none. */
  bias?: tf.TensorInfo;
  /** Applies max(·, 0) to the result. */
  relu: boolean;
}

/**
 * Past this many multiply-adds XNNPACK's blocked GEMM wins (measured: native ≈ 2× XNNPACK at
 * 128 × 256 × 128, where XNNPACK creates an operator and packs B per call, still ahead at the mlp
 * workload's 128 × 784 × 256; ≈ ¾× at 512³, B out of cache).
 */
const largest = 1 << 25;

/**
 * op(A)·op(B) (+ bias) (relu) of float32 matrices (rank 2, or rank 3 with batch 1) by mtlkit's native SIMD
 * GEMM (native/dense.ts), reading a transposed A in place and transposing B natively, with C's rows split
 * between threads on the threaded build; undefined when the shapes are not that case or too large, so the
 * caller runs XNNPACK instead.
 *
 * @example
 * const backend = tf.backend() as WasmBackend; // after initBackend({ backend: "wasm" })
 * // nativeGemm(backend, a, b, { transposeA: false, transposeB: true, relu: false }) → [m, n] TensorInfo
 */
export function nativeGemm(
  backend: WasmBackend,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  options: NativeGemmOptions,
): tf.TensorInfo | undefined {
  const { transposeA, transposeB, bias, relu } = options;
  if (a.dtype !== "float32" || b.dtype !== "float32" || !singleMatrix(a) || !singleMatrix(b)) return undefined;
  if (bias !== undefined && (bias.dtype !== "float32" || bias.shape.length !== 1)) return undefined;
  const [a0, a1] = a.shape.slice(-2) as [number, number];
  const [b0, b1] = b.shape.slice(-2) as [number, number];
  const [m, k] = transposeA ? [a1, a0] : [a0, a1];
  const n = transposeB ? b0 : b1;
  if ((transposeB ? b1 : b0) !== k || (bias !== undefined && bias.shape[0] !== n)) return undefined;
  if (m * k * n > largest || m * k * n === 0) return undefined;
  const rank = Math.max(a.shape.length, b.shape.length);
  const out = backend.makeOutput(rank === 3 ? [1, m, n] : [m, n], "float32");
  const scratch = transposeB ? backend.makeOutput([k, n], "float32") : undefined;
  const kernels = nativeKernels(backend);
  const at = (info: tf.TensorInfo) => backend.dataIdMap.get(info.dataId).memoryOffset;
  if (scratch !== undefined) kernels.transpose(at(b), at(scratch), n, k, k);
  const right = scratch ?? b;
  const [aRow, aCol] = transposeA ? [1, m] : [k, 1];
  const biasAt = bias === undefined ? 0 : at(bias);
  // Rows of C split between threads on the threaded build (each row is its own, so the split is exact).
  const ranges = workRanges(backend, m, m * k * n, { align: 4 });
  runNative(
    backend,
    "gemm",
    ranges.map(([begin, end]) => [
      at(a) + 4 * begin * aRow,
      at(right),
      at(out) + 4 * begin * n,
      biasAt,
      end - begin,
      k,
      n,
      aRow,
      aCol,
      n,
      bias === undefined ? 0 : 1,
      relu ? 1 : 0,
    ]),
  );
  if (scratch !== undefined) free(backend, scratch);
  return out;
}

const singleMatrix = (x: tf.TensorInfo) => x.shape.length === 2 || (x.shape.length === 3 && x.shape[0] === 1);
