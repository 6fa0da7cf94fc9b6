import * as tf from "@tensorflow/tfjs-core";
import { nativeGemm } from "./native-gemm";
import { type KernelArgs, type WasmBackend, free, freeView, reshape, transpose, view, wasmKernel } from "./wasm-ops";
import { nativeKernels } from "./native";

// Below this many multiply-adds per matrix, a batch of matrices runs in mtlkit's native loop.
const TINY_MATRIX = 16384;

/**
 * `BatchMatMul` for `wasm`: a single small matrix product (a dense layer's, ≤ 2²⁵ multiply-adds) runs
 * mtlkit's native GEMM ({@link nativeGemm}: no operator, no packing, a transposed A read in place);
 * the rest always reaches XNNPACK's GEMM: a transposed operand is transposed
 * explicitly first (the built-in kernel runs a scalar loop for it, ≈20× slower — and every backward
 * matmul has one), a shared right operand folds the batch into the rows, and other batches of large enough
 * matrices run one GEMM per matrix on views of the operands. Batches of tiny matrices (MMoE's gate
 * mixing, 128 × [2 × 8] · [8 × 64]) run in one native SIMD call, transposes included (native/batched-matmul.ts).
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("BatchMatMul", "wasm")?.kernelFunc === batchMatMul; // → true
 */
export function batchMatMul({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
  if (a.dtype !== "float32" || b.dtype !== "float32") {
    return wasmKernel("BatchMatMul", wasm, inputs, attrs);
  }
  const tiny = tinyBatched(wasm, a, b, transposeA, transposeB);
  if (tiny !== undefined) return tiny;
  const small = nativeGemm(wasm, a, b, { transposeA, transposeB, relu: false });
  if (small !== undefined) return small;
  const left = transposeA ? swapLastTwo(wasm, a) : a;
  const right = transposeB ? swapLastTwo(wasm, b) : b;
  const out = plainMatMul(wasm, left, right);
  if (transposeA) free(wasm, left);
  if (transposeB) free(wasm, right);
  return out;
}

// A batch (the same for both operands, or one left matrix for all) of matrices too small for XNNPACK.
function tinyBatched(
  backend: WasmBackend,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): tf.TensorInfo | undefined {
  const [aRows, aCols] = a.shape.slice(-2) as [number, number];
  const [bRows, bCols] = b.shape.slice(-2) as [number, number];
  const [rows, inner] = transposeA ? [aCols, aRows] : [aRows, aCols];
  const cols = transposeB ? bRows : bCols;
  const batchShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = tf.util.sizeFromShape(batchShape);
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  if (batch < 2 || batchB !== batch || (batchA !== batch && batchA !== 1)) return undefined;
  if (rows * inner * cols >= TINY_MATRIX || (transposeB ? bCols : bRows) !== inner) return undefined;
  const out = backend.makeOutput([...batchShape, rows, cols], "float32");
  const at = (info: tf.TensorInfo) => backend.dataIdMap.get(info.dataId).memoryOffset;
  const aStride = batchA === 1 ? 0 : rows * inner;
  nativeKernels(backend).batchedMatMul(
    at(a),
    at(b),
    at(out),
    batch,
    rows,
    inner,
    cols,
    aStride,
    inner * cols,
    transposeA,
    transposeB,
  );
  return out;
}

function swapLastTwo(backend: WasmBackend, x: tf.TensorInfo): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = x.shape.map((_, axis) => (axis < rank - 2 ? axis : 2 * rank - 3 - axis));
  return transpose(backend, x, perm);
}

function plainMatMul(backend: WasmBackend, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  const [rows, inner] = a.shape.slice(-2) as [number, number];
  const cols = b.shape[b.shape.length - 1] as number;
  const batchShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const outShape = [...batchShape, rows, cols];
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  const batch = tf.util.sizeFromShape(batchShape);
  if (batchB === 1) {
    const a3 = reshape(backend, a, [1, batchA * rows, inner]);
    const b3 = reshape(backend, b, [1, inner, cols]);
    const product = wasmKernel("BatchMatMul", backend, { a: a3, b: b3 }, { transposeA: false, transposeB: false });
    free(backend, a3, b3);
    const out = reshape(backend, product, outShape);
    free(backend, product);
    return out;
  }
  // One GEMM call per matrix pays only when each matrix is big enough to amortise the dispatch.
  const tiny = rows * inner * cols < TINY_MATRIX;
  if (tiny || (batchA !== batch && batchA !== 1) || batchB !== batch) {
    return wasmKernel("BatchMatMul", backend, { a, b }, { transposeA: false, transposeB: false });
  }
  const out = backend.makeOutput(outShape, "float32");
  for (let i = 0; i < batch; i++) {
    const aView = view(backend, a, batchA === 1 ? 0 : i * rows * inner, [1, rows, inner]);
    const bView = view(backend, b, i * inner * cols, [1, inner, cols]);
    const product = wasmKernel(
      "BatchMatMul",
      backend,
      { a: aView, b: bView },
      { transposeA: false, transposeB: false },
    );
    const target = backend.typedArrayFromHeap(out);
    target.set(backend.typedArrayFromHeap(product), i * rows * cols);
    free(backend, product);
    freeView(backend, aView);
    freeView(backend, bView);
  }
  return out;
}
