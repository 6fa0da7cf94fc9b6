import * as tf from "@tensorflow/tfjs-core";
import { type WasmBackend, free, freeView, heapIndex, transpose, view } from "./wasm-ops";
import { gemmInto } from "./gemm-into";
import { nativeKernels } from "./native";
import { GATE } from "./gru-layout";

type Saved = Record<"x" | "kernel" | "states" | "gates", tf.TensorInfo>;
type Deltas = Record<"dProjected" | "dGatesT", tf.TensorInfo>;

/**
 * A GRU's gradients from its pre-activation gradients over all steps at once: dx = dA·Kᵀ,
 * dKernel = xᵀ·dA, dBias = Σ dA and dR = [hᵀ·dA_zr | (r∘h)ᵀ·dA_h]. The weight products run
 * transposed (dAᵀ·x, K = B·T long): XNNPACK, where the threaded build gives it the product, then packs
 * the narrow operand — ≈3× faster.
 *
 * @example
 * // example: skip — needs the saved state and heap views only gruBackward builds (test/kernels/fused-gru.test.ts)
 * const [dx, dKernel, dRecurrentKernel, dBias] = gruWeightGrads(backend, saved, deltas, { B, T, D, U });
 */
export function gruWeightGrads(
  wasm: WasmBackend,
  saved: Saved,
  { dProjected, dGatesT }: Deltas,
  { B, T, D, U }: { B: number; T: number; D: number; U: number },
): tf.TensorInfo[] {
  const TB = T * B;
  const kernelT = transpose(wasm, saved.kernel, [1, 0]);
  const dx = wasm.makeOutput([B, T, D], "float32");
  gemmInto(wasm, dProjected, kernelT, dx, [TB, 3 * U, D]);
  const timeMajorX = transpose(wasm, saved.x, [1, 0, 2]);
  const dKernelT = wasm.makeOutput([3 * U, D], "float32");
  gemmInto(wasm, dGatesT, timeMajorX, dKernelT, [3 * U, TB, D]);
  const dMixingT = wasm.makeOutput([2 * U, U], "float32");
  const dCandidateT = wasm.makeOutput([U, U], "float32");
  const dMixedT = view(wasm, dGatesT, 0, [2 * U, TB]);
  const dCandidatesT = view(wasm, dGatesT, 2 * U * TB, [U, TB]);
  const previous = view(wasm, saved.states, 0, [TB, U]);
  const resetHidden = view(wasm, saved.gates, GATE.resetHidden * TB * U, [TB, U]);
  gemmInto(wasm, dMixedT, previous, dMixingT, [2 * U, TB, U]);
  gemmInto(wasm, dCandidatesT, resetHidden, dCandidateT, [U, TB, U]);
  const dKernel = wasm.makeOutput([D, 3 * U], "float32");
  const dRecurrent = wasm.makeOutput([U, 3 * U], "float32");
  const dBias = wasm.makeOutput([3 * U], "float32");
  const heap = wasm.wasm.HEAPF32;
  const idx = (info: tf.TensorInfo) => heapIndex(wasm, info);
  transposeInto(heap, idx(dKernelT), idx(dKernel), 3 * U, D, 3 * U, 0);
  transposeInto(heap, idx(dMixingT), idx(dRecurrent), 2 * U, U, 3 * U, 0);
  transposeInto(heap, idx(dCandidateT), idx(dRecurrent), U, U, 3 * U, 2 * U);
  nativeKernels(wasm).sumRows(idx(dProjected) * 4, idx(dBias) * 4, TB, 3 * U);
  for (const v of [dMixedT, dCandidatesT, previous, resetHidden]) freeView(wasm, v);
  free(wasm, kernelT, timeMajorX, dKernelT, dMixingT, dCandidateT);
  return [dx, dKernel, dRecurrent, dBias];
}

// to[c, column0 + r] = from[r, c] for a rows×cols block, `to` having `toCols` columns.
function transposeInto(
  heap: Float32Array,
  from: number,
  to: number,
  rows: number,
  cols: number,
  toCols: number,
  column0: number,
): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) heap[to + c * toCols + column0 + r] = heap[from + r * cols + c] as number;
  }
}
