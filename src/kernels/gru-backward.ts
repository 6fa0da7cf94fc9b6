import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, free, freeView, heapIndex, view } from "./wasm-ops";
import { gemmInto } from "./gemm-into";
import { type GruAttrs, GATE, gruSizes } from "./gru-layout";
import { gruWeightGrads } from "./gru-weight-grads";

type Sizes = { B: number; T: number; U: number };
// Offsets into HEAPF32, always built with the same literal shape so the loops stay optimised.
type At = Record<
  "dy" | "states" | "gates" | "dProjected" | "dGatesT" | "dMixed" | "dCandidate" | "carry" | "back",
  number
>;

/**
 * The wasm kernel behind {@link fusedGru}'s gradient: backpropagation through time over the states
 * and gates the forward kernel saved — per step two XNNPACK GEMMs into preallocated memory and JS
 * loops over the heap that write each pre-activation gradient where the weight gradients want it —
 * then the weight gradients as a few large GEMMs over all steps ({@link gruWeightGrads}).
 * Outputs [dx, dKernel, dRecurrentKernel, dBias].
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("MtlkitGruBackward", "wasm")?.kernelFunc === gruBackward; // → true
 */
export function gruBackward({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as WasmBackend;
  const { dy, x, kernel, recurrentKernel, states, gates } = inputs as Record<string, tf.TensorInfo>;
  const { returnSequences } = attrs as unknown as GruAttrs;
  const { B, T, D, U } = gruSizes(x as tf.TensorInfo, recurrentKernel as tf.TensorInfo);
  const dProjected = wasm.makeOutput([B * T, 3 * U], "float32"); // batch-major, like x: for dx
  const dGatesT = wasm.makeOutput([3 * U, T * B], "float32"); // transposed, time-major: for the weights
  const dMixed = wasm.makeOutput([B, 2 * U], "float32");
  const dCandidate = wasm.makeOutput([B, U], "float32");
  const mixingT = wasm.makeOutput([2 * U, U], "float32");
  const candidateT = wasm.makeOutput([U, U], "float32");
  const carry = wasm.makeOutput([B, U], "float32");
  const back = wasm.makeOutput([B, U], "float32");
  transposeRecurrentKernel(wasm, recurrentKernel as tf.TensorInfo, mixingT, candidateT, U);
  wasm.wasm.HEAPF32.fill(0, heapIndex(wasm, carry), heapIndex(wasm, carry) + B * U);
  const idx = (info: tf.TensorInfo) => heapIndex(wasm, info);
  const at: At = {
    dy: idx(dy as tf.TensorInfo),
    states: idx(states as tf.TensorInfo),
    gates: idx(gates as tf.TensorInfo),
    dProjected: idx(dProjected),
    dGatesT: idx(dGatesT),
    dMixed: idx(dMixed),
    dCandidate: idx(dCandidate),
    carry: idx(carry),
    back: idx(back),
  };
  for (let t = T - 1; t >= 0; t--) {
    candidateStep(wasm.wasm.HEAPF32, at, t, { B, T, U }, returnSequences);
    gemmInto(wasm, dCandidate, candidateT, back, [B, U, U]);
    resetStep(wasm.wasm.HEAPF32, at, t, { B, T, U });
    if (t === 0) break;
    gemmInto(wasm, dMixed, mixingT, back, [B, 2 * U, U]);
    addInto(wasm.wasm.HEAPF32, at.carry, at.back, B * U);
  }
  const grads = gruWeightGrads(
    wasm,
    {
      x: x as tf.TensorInfo,
      kernel: kernel as tf.TensorInfo,
      states: states as tf.TensorInfo,
      gates: gates as tf.TensorInfo,
    },
    { dProjected, dGatesT },
    { B, T, D, U },
  );
  free(wasm, dProjected, dGatesT, dMixed, dCandidate, mixingT, candidateT, carry, back);
  return grads;
}

function transposeRecurrentKernel(
  wasm: WasmBackend,
  source: tf.TensorInfo,
  mixingT: tf.TensorInfo,
  candidateT: tf.TensorInfo,
  U: number,
): void {
  const heap = wasm.wasm.HEAPF32;
  const [from, toMixing, toCandidate] = [source, mixingT, candidateT].map((info) => heapIndex(wasm, info)) as [
    number,
    number,
    number,
  ];
  for (let i = 0; i < U; i++) {
    for (let c = 0; c < 2 * U; c++) heap[toMixing + c * U + i] = heap[from + i * 3 * U + c] as number;
    for (let c = 0; c < U; c++) heap[toCandidate + c * U + i] = heap[from + i * 3 * U + 2 * U + c] as number;
  }
}

// dh = carry (+ dy_t); d a_h = dh(1 − z)(1 − h̃²), d a_z = dh(h − h̃)σ'(a_z); carry ← dh∘z.
function candidateStep(heap: Float32Array, at: At, t: number, { B, T, U }: Sizes, returnSequences: boolean): void {
  const plane = T * B * U;
  const withDy = returnSequences || t === T - 1;
  const update = at.gates + GATE.update * plane;
  const candidate = at.gates + GATE.candidate * plane;
  const updateSlope = at.gates + GATE.updateSlope * plane;
  const { states, dCandidate, dMixed, carry, dProjected, dGatesT, dy } = at;
  const TB = T * B;
  for (let b = 0; b < B; b++) {
    const row = (t * B + b) * U;
    const pRow = dProjected + (b * T + t) * 3 * U;
    const column = dGatesT + t * B + b;
    const dyRow = withDy ? (returnSequences ? dy + (b * T + t) * U : dy + b * U) : -1;
    for (let j = 0; j < U; j++) {
      const dh = (heap[carry + b * U + j] as number) + (dyRow >= 0 ? (heap[dyRow + j] as number) : 0);
      const z = heap[update + row + j] as number;
      const hh = heap[candidate + row + j] as number;
      const dah = dh * (1 - z) * (1 - hh * hh);
      const daz = dh * ((heap[states + row + j] as number) - hh) * (heap[updateSlope + row + j] as number);
      heap[dCandidate + b * U + j] = dah;
      heap[pRow + 2 * U + j] = dah;
      heap[column + (2 * U + j) * TB] = dah;
      heap[dMixed + b * 2 * U + j] = daz;
      heap[pRow + j] = daz;
      heap[column + j * TB] = daz;
      heap[carry + b * U + j] = dh * z;
    }
  }
}

// back = d(r∘h) = d a_h · R_hᵀ; d a_r = back∘h∘σ'(a_r); carry += back∘r.
function resetStep(heap: Float32Array, at: At, t: number, { B, T, U }: Sizes): void {
  const plane = T * B * U;
  const reset = at.gates + GATE.reset * plane;
  const resetSlope = at.gates + GATE.resetSlope * plane;
  const { states, dMixed, carry, dProjected, dGatesT, back } = at;
  const TB = T * B;
  for (let b = 0; b < B; b++) {
    const row = (t * B + b) * U;
    const pRow = dProjected + (b * T + t) * 3 * U + U;
    const column = dGatesT + t * B + b + U * TB;
    for (let j = 0; j < U; j++) {
      const p = heap[back + b * U + j] as number;
      const dar = p * (heap[states + row + j] as number) * (heap[resetSlope + row + j] as number);
      heap[pRow + j] = dar;
      heap[dMixed + b * 2 * U + U + j] = dar;
      heap[column + j * TB] = dar;
      heap[carry + b * U + j] = (heap[carry + b * U + j] as number) + p * (heap[reset + row + j] as number);
    }
  }
}

function addInto(heap: Float32Array, to: number, from: number, n: number): void {
  for (let i = 0; i < n; i++) heap[to + i] = (heap[to + i] as number) + (heap[from + i] as number);
}
