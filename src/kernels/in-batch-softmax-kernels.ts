import type * as tf from "@tensorflow/tfjs-core";
import { nativeKernels } from "./native";
import { type KernelArgs, type WasmBackend, free } from "./wasm-ops";

/** Kernel name of the fused in-batch softmax forward on `wasm`: input outputs [B, 2·width]; outputs [loss, logSumExp]. */
export const IN_BATCH_SOFTMAX = "MtlkitInBatchSoftmax";
/** Kernel name of its backward: inputs dy, outputs, norms (logSumExp); output [dOutputs]. */
export const IN_BATCH_SOFTMAX_GRAD = "MtlkitInBatchSoftmaxGrad";

/** Rows of the B × B score matrix held at once (one reused buffer of chunk · B floats). */
const chunkRows = 512;

interface Chunked {
  rows: number;
  width: number;
  /** The candidates transposed, [width, B]: the right operand of every score GEMM. */
  candidatesT: tf.TensorInfo;
  /** chunkRows × B floats reused for each chunk's scores. */
  scores: tf.TensorInfo;
}

// Cᵀ from the outputs' right half (one native transpose); the queries are read in place by the GEMMs.
function prepare(backend: WasmBackend, outputs: tf.TensorInfo): Chunked {
  const rows = outputs.shape[0] as number;
  const width = (outputs.shape[1] as number) / 2;
  const candidatesT = backend.makeOutput([width, rows], "float32");
  const scores = backend.makeOutput([Math.min(chunkRows, rows), rows], "float32");
  nativeKernels(backend).transpose(at(backend, outputs) + 4 * width, at(backend, candidatesT), rows, width, 2 * width);
  return { rows, width, candidatesT, scores };
}

const at = (backend: WasmBackend, info: tf.TensorInfo) => backend.dataIdMap.get(info.dataId).memoryOffset;

/** S = Q[start : start + size] · Cᵀ into the scores buffer (native GEMM, the queries read in place). */
function scoreChunk(backend: WasmBackend, outputs: tf.TensorInfo, setup: Chunked, start: number, size: number): void {
  const { rows, width } = setup;
  const queries = at(backend, outputs) + 4 * start * 2 * width;
  nativeKernels(backend).gemm(
    queries,
    at(backend, setup.candidatesT),
    at(backend, setup.scores),
    0,
    size,
    width,
    rows,
    2 * width,
    1,
    rows,
    0,
    0,
  );
}

/**
 * The in-batch softmax loss (Yi et al. 2019, eq. 3; see {@link inBatchSoftmax}) as one `wasm` kernel on
 * the task's outputs, rows [q_i; c_i]: per chunk of rows one native GEMM for the scores (queries read in
 * place), then one native SIMD pass per row for the max and Σ exp (`rowLogSumExp` of native/softmax.ts,
 * the sum in float64) — no B × B tensors, no elementwise kernels. Outputs ℓ_i = lse_i − q_i·c_i and lse_i.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("MtlkitInBatchSoftmax", "wasm")?.kernelFunc === inBatchSoftmaxForward; // → true
 */
export function inBatchSoftmaxForward({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as WasmBackend;
  const outputs = (inputs as { outputs: tf.TensorInfo }).outputs;
  const setup = prepare(wasm, outputs);
  const { rows } = setup;
  const loss = wasm.makeOutput([rows], "float32");
  const norms = wasm.makeOutput([rows], "float32");
  const kernels = nativeKernels(wasm);
  for (let start = 0; start < rows; start += chunkRows) {
    const size = Math.min(chunkRows, rows - start);
    scoreChunk(wasm, outputs, setup, start, size);
    kernels.rowLogSumExp(at(wasm, setup.scores), rows, size, start, at(wasm, loss), at(wasm, norms));
  }
  free(wasm, setup.candidatesT, setup.scores);
  return [loss, norms];
}

/**
 * The exact gradient of {@link inBatchSoftmaxForward} with respect to the outputs, as one `wasm`
 * kernel. Per chunk of rows: the scores again (one GEMM), then in place W_ij = dy_i (p_ij − [i = j])
 * with p_ij = exp(s_ij − lse_i) (one native pass), then ∂Q = W·C and ∂C += Wᵀ·Q_chunk (two native GEMMs
 * reading C and Q in place from the outputs).
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
  const dQueries = wasm.makeOutput([rows, width], "float32");
  const dCandidates = wasm.makeOutput([rows, width], "float32");
  const partial = rows > chunkRows ? wasm.makeOutput([rows, width], "float32") : undefined;
  const kernels = nativeKernels(wasm);
  const [o, s, dq, dc] = [outputs, setup.scores, dQueries, dCandidates].map((t) =>
    at(wasm, t as tf.TensorInfo),
  ) as number[];
  for (let start = 0; start < rows; start += chunkRows) {
    const size = Math.min(chunkRows, rows - start);
    scoreChunk(wasm, outputs as tf.TensorInfo, setup, start, size);
    kernels.softmaxWeights(s!, rows, size, start, at(wasm, dy as tf.TensorInfo), at(wasm, norms as tf.TensorInfo));
    // ∂Q_chunk = W · C and ∂C (+)= Wᵀ · Q_chunk, both operands read in place from the outputs.
    kernels.gemm(s!, o! + 4 * width, dq! + 4 * start * width, 0, size, rows, width, rows, 1, doubleWidth, 0, 0);
    const target = start === 0 || partial === undefined ? dc! : at(wasm, partial);
    kernels.gemm(s!, o! + 4 * start * doubleWidth, target, 0, rows, size, width, 1, rows, doubleWidth, 0, 0);
    if (target !== dc) kernels.addInto(target, dc!, rows * width);
  }
  kernels.interleave(dq!, dc!, at(wasm, dOutputs), rows, width);
  free(wasm, setup.candidatesT, setup.scores, dQueries, dCandidates);
  if (partial !== undefined) free(wasm, partial);
  return [dOutputs];
}
