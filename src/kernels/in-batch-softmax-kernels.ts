import * as tf from "@tensorflow/tfjs-core";
import { gemmInto } from "./gemm-into";
import { type KernelArgs, type WasmBackend, free, freeView, heapIndex, view } from "./wasm-ops";

/** Kernel name of the fused in-batch softmax forward on `wasm`: input outputs [B, 2·width]; outputs [loss, logSumExp]. */
export const IN_BATCH_SOFTMAX = "MtlkitInBatchSoftmax";
/** Kernel name of its backward: inputs dy, outputs, norms (logSumExp); output [dOutputs]. */
export const IN_BATCH_SOFTMAX_GRAD = "MtlkitInBatchSoftmaxGrad";

/** Rows of the B × B score matrix held at once (one reused buffer of chunk · B floats). */
const chunkRows = 512;

// exp for x ≤ 0 in a few multiplies: x = k·ln2/64 + r with |r| ≤ ln2/128, exp(x) = 2^(k/64) · (1 + r + r²/2 + r³/6),
// 2^(k/64) from a table (relative error < 1e-10). Math.exp costs ≈5× as much in this loop and the wasm
// backend's Exp ≈3× plus a pass of its own; the softmax takes 2·B² of them per training step.
const steps = 64;
const lowest = -150 * steps; // below 2^-150 the float32 result is 0
const powersOfTwo = Float64Array.from({ length: 1 - lowest }, (_, i) => Math.pow(2, (i + lowest) / steps));
function expNonPositive(x: number): number {
  const k = Math.floor(x * (steps * Math.LOG2E) + 0.5);
  if (!(k >= lowest && k <= 0)) return k < lowest ? 0 : Math.exp(x); // NaN and x > 0 go to Math.exp
  const r = x - k * (Math.LN2 / steps);
  return (powersOfTwo[k - lowest] as number) * (1 + r * (1 + r * (0.5 + r * (1 / 6))));
}

interface Chunked {
  rows: number;
  width: number;
  /** The queries, [B, width], copied out of the outputs' left half. */
  queries: tf.TensorInfo;
  /** The candidates, [B, width], the outputs' right half. */
  candidates: tf.TensorInfo;
  /** The candidates transposed, [width, B]: the right operand of every score GEMM (packed once). */
  candidatesT: tf.TensorInfo;
  /** chunkRows × B floats reused for each chunk's scores. */
  scores: tf.TensorInfo;
}

// Splits the rows [q_i; c_i] of `outputs` into Q, C and Cᵀ with one JS pass (no Slice/Transpose kernels).
function prepare(backend: WasmBackend, outputs: tf.TensorInfo): Chunked {
  const rows = outputs.shape[0] as number;
  const width = (outputs.shape[1] as number) / 2;
  const [queries, candidates] = [0, 1].map(() => backend.makeOutput([rows, width], "float32")) as [
    tf.TensorInfo,
    tf.TensorInfo,
  ];
  const candidatesT = backend.makeOutput([width, rows], "float32");
  const scores = backend.makeOutput([Math.min(chunkRows, rows), rows], "float32");
  const heap = backend.wasm.HEAPF32;
  const [from, q, c, ct] = [outputs, queries, candidates, candidatesT].map((t) => heapIndex(backend, t)) as number[];
  for (let i = 0; i < rows; i++) {
    for (let d = 0; d < width; d++) {
      const value = heap[(from as number) + i * 2 * width + width + d] as number;
      heap[(q as number) + i * width + d] = heap[(from as number) + i * 2 * width + d] as number;
      heap[(c as number) + i * width + d] = value;
      heap[(ct as number) + d * rows + i] = value;
    }
  }
  return { rows, width, queries, candidates, candidatesT, scores };
}

const release = (backend: WasmBackend, setup: Chunked) =>
  free(backend, setup.queries, setup.candidates, setup.candidatesT, setup.scores);

/** S = Q[start : start + size] · Cᵀ into the scores buffer; returns the buffer's heap index. */
function scoreChunk(backend: WasmBackend, setup: Chunked, start: number, size: number): number {
  const { rows, width } = setup;
  const q = view(backend, setup.queries, start * width, [size, width]);
  const out = view(backend, setup.scores, 0, [size, rows]);
  gemmInto(backend, q, setup.candidatesT, out, [size, width, rows]);
  freeView(backend, q);
  freeView(backend, out);
  return heapIndex(backend, setup.scores);
}

/**
 * The in-batch softmax loss (Yi et al. 2019, eq. 3; see {@link inBatchSoftmax}) as one `wasm` kernel on
 * the task's outputs, rows [q_i; c_i]: per chunk of rows one XNNPACK GEMM for the scores, then one JS
 * pass per row for Σ exp with a running max — no B × B tensors, no elementwise kernels. Outputs
 * ℓ_i = lse_i − q_i·c_i and lse_i.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("MtlkitInBatchSoftmax", "wasm")?.kernelFunc === inBatchSoftmaxForward; // → true
 */
export function inBatchSoftmaxForward({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as WasmBackend;
  const setup = prepare(wasm, (inputs as { outputs: tf.TensorInfo }).outputs);
  const { rows } = setup;
  const loss = wasm.makeOutput([rows], "float32");
  const norms = wasm.makeOutput([rows], "float32");
  for (let start = 0; start < rows; start += chunkRows) {
    const size = Math.min(chunkRows, rows - start);
    const s = scoreChunk(wasm, setup, start, size);
    const heap = wasm.wasm.HEAPF32;
    const [lossAt, normAt] = [heapIndex(wasm, loss), heapIndex(wasm, norms)];
    for (let i = 0; i < size; i++) {
      const row = s + i * rows;
      // One pass with a running max (the sum is rescaled on the rare new maximum).
      let top = heap[row] as number;
      let sum = 0;
      for (let j = 0; j < rows; j++) {
        const score = heap[row + j] as number;
        if (score > top) {
          sum *= expNonPositive(top - score);
          top = score;
        }
        sum += expNonPositive(score - top);
      }
      const norm = top + Math.log(sum);
      heap[normAt + start + i] = norm;
      heap[lossAt + start + i] = norm - (heap[row + start + i] as number);
    }
  }
  release(wasm, setup);
  return [loss, norms];
}

/**
 * The exact gradient of {@link inBatchSoftmaxForward} with respect to the outputs, as one `wasm`
 * kernel. Per chunk of rows: the scores again (one GEMM), then in place W_ij = dy_i (p_ij − [i = j])
 * with p_ij = exp(s_ij − lse_i) (one JS pass), then ∂Q = W·C and ∂Cᵀ += Q_chunkᵀ·W (two GEMMs).
 * A zero dy (a task weighted 0) skips the B × B work.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("MtlkitInBatchSoftmaxGrad", "wasm")?.kernelFunc === inBatchSoftmaxBackward; // → true
 */
export function inBatchSoftmaxBackward({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as WasmBackend;
  const { dy, outputs, norms } = inputs as Record<string, tf.TensorInfo>;
  const [rows, doubleWidth] = (outputs as tf.TensorInfo).shape as [number, number];
  const width = doubleWidth / 2;
  const dOutputs = wasm.makeOutput([rows, doubleWidth], "float32");
  const upstream = wasm.typedArrayFromHeap(dy as tf.TensorInfo) as Float32Array;
  if (upstream.every((value) => value === 0)) {
    wasm.typedArrayFromHeap(dOutputs).fill(0);
    return [dOutputs];
  }
  const setup = prepare(wasm, outputs as tf.TensorInfo);
  const chunk = Math.min(chunkRows, rows);
  const queriesT = wasm.makeOutput([width, chunk], "float32");
  const partial = wasm.makeOutput([width, rows], "float32"); // Q_chunkᵀ · W of one chunk
  const dQueries = wasm.makeOutput([rows, width], "float32");
  const sumT = new Float64Array(width * rows); // ∂Cᵀ accumulated over chunks
  for (let start = 0; start < rows; start += chunkRows) {
    const size = Math.min(chunkRows, rows - start);
    const s = scoreChunk(wasm, setup, start, size);
    let heap = wasm.wasm.HEAPF32;
    const [dyAt, normAt, qAt, qtAt] = [dy, norms, setup.queries, queriesT].map((t) =>
      heapIndex(wasm, t as tf.TensorInfo),
    ) as number[];
    for (let i = 0; i < size; i++) {
      const row = s + i * rows;
      const weight = heap[(dyAt as number) + start + i] as number;
      const norm = heap[(normAt as number) + start + i] as number;
      for (let j = 0; j < rows; j++) heap[row + j] = weight * expNonPositive((heap[row + j] as number) - norm);
      heap[row + start + i] = (heap[row + start + i] as number) - weight;
      for (let d = 0; d < width; d++) {
        heap[(qtAt as number) + d * size + i] = heap[(qAt as number) + (start + i) * width + d] as number;
      }
    }
    // The weighted matrix gets a fresh tensor id per chunk: XNNPACK caches a packed right operand by id.
    const weighted = view(wasm, setup.scores, 0, [size, rows]);
    const qt = view(wasm, queriesT, 0, [width, size]);
    gemmInto(wasm, qt, weighted, partial, [width, size, rows]);
    const dq = view(wasm, dQueries, start * width, [size, width]);
    gemmInto(wasm, weighted, setup.candidates, dq, [size, rows, width]);
    [weighted, qt, dq].forEach((info) => freeView(wasm, info));
    heap = wasm.wasm.HEAPF32;
    const partialAt = heapIndex(wasm, partial);
    for (let k = 0; k < width * rows; k++) sumT[k] = (sumT[k] as number) + (heap[partialAt + k] as number);
  }
  const heap = wasm.wasm.HEAPF32;
  const [outAt, dqAt] = [heapIndex(wasm, dOutputs), heapIndex(wasm, dQueries)];
  for (let i = 0; i < rows; i++) {
    for (let d = 0; d < width; d++) {
      heap[outAt + i * doubleWidth + d] = heap[dqAt + i * width + d] as number;
      heap[outAt + i * doubleWidth + width + d] = sumT[d * rows + i] as number;
    }
  }
  release(wasm, setup);
  free(wasm, queriesT, partial, dQueries);
  return [dOutputs];
}
