import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, free, freeView, heapIndex, reshape, view, wasmKernel } from "./wasm-ops";
import { gemmInto } from "./gemm-into";
import { batchMatMul } from "./batch-mat-mul";
import { type GruAttrs, GATE, gruSizes } from "./gru-layout";

type Sizes = { B: number; T: number; U: number };

/**
 * The wasm kernel behind {@link fusedGru}'s gradient: backpropagation through time over the states
 * and gates the forward kernel saved, two XNNPACK GEMMs and three JS loops per step, then the weight
 * gradients as four large GEMMs over all steps at once. Outputs [dx, dKernel, dRecurrentKernel, dBias].
 *
 * @example
 * tf.registerKernel({ kernelName: "MtlkitGruBackward", backendName: "wasm", kernelFunc: gruBackward });
 */
export function gruBackward({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as WasmBackend;
  const { dy, x, kernel, recurrentKernel, states, gates } = inputs as Record<string, tf.TensorInfo>;
  const { returnSequences } = attrs as unknown as GruAttrs;
  const { B, T, D, U } = gruSizes(x as tf.TensorInfo, recurrentKernel as tf.TensorInfo);
  const dProjected = wasm.makeOutput([B * T, 3 * U], "float32"); // batch-major, like x
  const dMixed = wasm.makeOutput([T, B, 2 * U], "float32"); // time-major copies for the GEMMs
  const dCandidate = wasm.makeOutput([T, B, U], "float32");
  const mixingT = wasm.makeOutput([2 * U, U], "float32");
  const candidateT = wasm.makeOutput([U, U], "float32");
  const carry = wasm.makeOutput([B, U], "float32");
  const back = wasm.makeOutput([B, U], "float32");
  transposeRecurrentKernel(wasm, recurrentKernel as tf.TensorInfo, mixingT, candidateT, U);
  wasm.wasm.HEAPF32.fill(0, heapIndex(wasm, carry), heapIndex(wasm, carry) + B * U);
  const sizes = { B, T, U };
  const idx = (info: tf.TensorInfo) => heapIndex(wasm, info);
  for (let t = T - 1; t >= 0; t--) {
    const at = {
      dy: idx(dy as tf.TensorInfo), states: idx(states as tf.TensorInfo), gates: idx(gates as tf.TensorInfo),
      dProjected: idx(dProjected), dMixed: idx(dMixed), dCandidate: idx(dCandidate), carry: idx(carry), back: idx(back),
    };
    candidateStep(wasm.wasm.HEAPF32, at, t, sizes, returnSequences);
    const dCandidateT = view(wasm, dCandidate, t * B * U, [B, U]);
    gemmInto(wasm, dCandidateT, candidateT, back, [B, U, U]);
    resetStep(wasm.wasm.HEAPF32, { ...at, back: idx(back) }, t, sizes);
    freeView(wasm, dCandidateT);
    if (t === 0) break;
    const dMixedT = view(wasm, dMixed, t * B * 2 * U, [B, 2 * U]);
    gemmInto(wasm, dMixedT, mixingT, back, [B, 2 * U, U]);
    freeView(wasm, dMixedT);
    addInto(wasm.wasm.HEAPF32, idx(carry), idx(back), B * U);
  }
  const grads = weightGrads(wasm, { x: x as tf.TensorInfo, kernel: kernel as tf.TensorInfo, states: states as tf.TensorInfo, gates: gates as tf.TensorInfo }, { dProjected, dMixed, dCandidate }, { B, T, D, U });
  free(wasm, dProjected, dMixed, dCandidate, mixingT, candidateT, carry, back);
  return grads;
}

function transposeRecurrentKernel(wasm: WasmBackend, source: tf.TensorInfo, mixingT: tf.TensorInfo, candidateT: tf.TensorInfo, U: number): void {
  const heap = wasm.wasm.HEAPF32;
  const [from, toMixing, toCandidate] = [source, mixingT, candidateT].map((info) => heapIndex(wasm, info)) as [number, number, number];
  for (let i = 0; i < U; i++) {
    for (let c = 0; c < 2 * U; c++) heap[toMixing + c * U + i] = heap[from + i * 3 * U + c] as number;
    for (let c = 0; c < U; c++) heap[toCandidate + c * U + i] = heap[from + i * 3 * U + 2 * U + c] as number;
  }
}

type At = Record<"dy" | "states" | "gates" | "dProjected" | "dMixed" | "dCandidate" | "carry" | "back", number>;

// dh = carry (+ dy_t); d a_h = dh(1 − z)(1 − h̃²), d a_z = dh(h − h̃)σ'(a_z); carry ← dh∘z.
function candidateStep(heap: Float32Array, at: At, t: number, { B, T, U }: Sizes, returnSequences: boolean): void {
  const plane = T * B * U;
  const lastOnly = !returnSequences && t === T - 1;
  for (let b = 0; b < B; b++) {
    const row = (t * B + b) * U;
    const pRow = at.dProjected + (b * T + t) * 3 * U;
    const dyRow = returnSequences ? at.dy + (b * T + t) * U : at.dy + b * U;
    for (let j = 0; j < U; j++) {
      const c = at.carry + b * U + j;
      let dh = heap[c] as number;
      if (returnSequences || lastOnly) dh += heap[dyRow + j] as number;
      const g = at.gates + row + j;
      const z = heap[g + GATE.update * plane] as number;
      const hh = heap[g + GATE.candidate * plane] as number;
      const h = heap[at.states + row + j] as number;
      const dah = dh * (1 - z) * (1 - hh * hh);
      const daz = dh * (h - hh) * (heap[g + GATE.updateSlope * plane] as number);
      heap[at.dCandidate + row + j] = dah;
      heap[pRow + 2 * U + j] = dah;
      heap[at.dMixed + (t * B + b) * 2 * U + j] = daz;
      heap[pRow + j] = daz;
      heap[c] = dh * z;
    }
  }
}

// back = d(r∘h) = d a_h · R_hᵀ; d a_r = back∘h∘σ'(a_r); carry += back∘r.
function resetStep(heap: Float32Array, at: At, t: number, { B, T, U }: Sizes): void {
  const plane = T * B * U;
  for (let b = 0; b < B; b++) {
    const row = (t * B + b) * U;
    const pRow = at.dProjected + (b * T + t) * 3 * U + U;
    const mRow = at.dMixed + (t * B + b) * 2 * U + U;
    for (let j = 0; j < U; j++) {
      const g = at.gates + row + j;
      const p = heap[at.back + b * U + j] as number;
      const dar = p * (heap[at.states + row + j] as number) * (heap[g + GATE.resetSlope * plane] as number);
      heap[pRow + j] = dar;
      heap[mRow + j] = dar;
      heap[at.carry + b * U + j] += p * (heap[g + GATE.reset * plane] as number);
    }
  }
}

function addInto(heap: Float32Array, to: number, from: number, n: number): void {
  for (let i = 0; i < n; i++) heap[to + i] += heap[from + i] as number;
}

type Saved = Record<"x" | "kernel" | "states" | "gates", tf.TensorInfo>;
type Deltas = Record<"dProjected" | "dMixed" | "dCandidate", tf.TensorInfo>;

// dKernel = xᵀ·dA, dx = dA·Kᵀ, dBias = Σ dA, dR = [hᵀ·dA_zr | (r∘h)ᵀ·dA_h] over all steps at once.
function weightGrads(wasm: WasmBackend, saved: Saved, deltas: Deltas, { B, T, D, U }: Sizes & { D: number }): tf.TensorInfo[] {
  const matMul = (a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean) =>
    batchMatMul({ inputs: { a, b }, backend: wasm, attrs: { transposeA, transposeB } });
  const flat = reshape(wasm, saved.x, [B * T, D]);
  const dKernel = matMul(flat, deltas.dProjected, true, false);
  const dFlat = matMul(deltas.dProjected, saved.kernel, false, true);
  const dx = reshape(wasm, dFlat, [B, T, D]);
  const dBias = wasmKernel("Sum", wasm, { x: deltas.dProjected }, { axis: [0], keepDims: false });
  const previous = view(wasm, saved.states, 0, [T * B, U]);
  const resetHidden = view(wasm, saved.gates, 0, [T * B, U]);
  const dMixed = reshape(wasm, deltas.dMixed, [T * B, 2 * U]);
  const dCandidate = reshape(wasm, deltas.dCandidate, [T * B, U]);
  const dMixing = matMul(previous, dMixed, true, false);
  const dCandidateKernel = matMul(resetHidden, dCandidate, true, false);
  const dRecurrent = wasm.makeOutput([U, 3 * U], "float32");
  const heap = wasm.wasm.HEAPF32;
  const [to, fromMixing, fromCandidate] = [dRecurrent, dMixing, dCandidateKernel].map((info) => heapIndex(wasm, info)) as [number, number, number];
  for (let i = 0; i < U; i++) {
    heap.copyWithin(to + i * 3 * U, fromMixing + i * 2 * U, fromMixing + (i + 1) * 2 * U);
    heap.copyWithin(to + i * 3 * U + 2 * U, fromCandidate + i * U, fromCandidate + (i + 1) * U);
  }
  freeView(wasm, previous);
  freeView(wasm, resetHidden);
  free(wasm, flat, dFlat, dMixed, dCandidate, dMixing, dCandidateKernel);
  return [dx, dKernel, dRecurrent, dBias];
}
