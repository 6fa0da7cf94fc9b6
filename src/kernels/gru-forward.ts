import * as tf from "@tensorflow/tfjs-core";
import {
  type KernelArgs,
  type WasmBackend,
  free,
  freeView,
  heapIndex,
  reshape,
  transpose,
  view,
  wasmKernel,
} from "./wasm-ops";
import { gemmInto } from "./gemm-into";
import { sigmoidInto } from "./sigmoid-into";
import { type GruAttrs, GATE, gruSizes } from "./gru-layout";

/**
 * The wasm kernel behind {@link fusedGru}'s forward pass (tfjs-layers' GRU, reset before the
 * recurrent product): one GEMM projects every time step's input, then each step runs two XNNPACK
 * GEMMs into preallocated memory and one JS loop over the heap for the gates — ≈80 dispatches for 40
 * steps instead of ≈3,000. Outputs [output, states (T+1)×B×U, gates 6×T×B×U] — the last two are
 * what {@link gruBackward} needs.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("MtlkitGruForward", "wasm")?.kernelFunc === gruForward; // → true
 */
export function gruForward({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as WasmBackend;
  const { x, kernel, recurrentKernel, bias, mask } = inputs as Record<
    "x" | "kernel" | "recurrentKernel" | "bias",
    tf.TensorInfo
  > & { mask?: tf.TensorInfo };
  const { recurrentActivation, returnSequences } = attrs as unknown as GruAttrs;
  const { B, T, D, U } = gruSizes(x, recurrentKernel);
  const flat = reshape(wasm, x, [1, B * T, D]);
  const kernel3 = reshape(wasm, kernel, [1, D, 3 * U]);
  const projected = wasmKernel(
    "_FusedMatMul",
    wasm,
    { a: flat, b: kernel3, bias },
    { transposeA: false, transposeB: false, activation: "linear" },
  );
  const mixing = wasm.makeOutput([U, 2 * U], "float32");
  const candidateKernel = wasm.makeOutput([U, U], "float32");
  const states = wasm.makeOutput([T + 1, B, U], "float32");
  const gates = wasm.makeOutput([6, T, B, U], "float32");
  const mixed = wasm.makeOutput([B, 2 * U], "float32");
  const candidate = wasm.makeOutput([B, U], "float32");
  const squashed = wasm.makeOutput([B, U], "float32");
  splitRecurrentKernel(wasm, recurrentKernel, mixing, candidateKernel, U);
  wasm.wasm.HEAPF32.fill(0, heapIndex(wasm, states), heapIndex(wasm, states) + B * U);
  const sigmoid = recurrentActivation === "sigmoid";
  for (let t = 0; t < T; t++) {
    const previous = view(wasm, states, t * B * U, [B, U]);
    gemmInto(wasm, previous, mixing, mixed, [B, U, 2 * U]);
    const at: At = {
      projected: heapIndex(wasm, projected),
      states: heapIndex(wasm, states),
      gates: heapIndex(wasm, gates),
      mixed: heapIndex(wasm, mixed),
      candidate: heapIndex(wasm, candidate),
      mask: mask === undefined ? -1 : heapIndex(wasm, mask),
    };
    updateAndReset(wasm.wasm.HEAPF32, at, t, { B, T, U }, sigmoid);
    const resetHidden = view(wasm, gates, (GATE.resetHidden * T + t) * B * U, [B, U]);
    gemmInto(wasm, resetHidden, candidateKernel, candidate, [B, U, U]);
    doubledCandidateInput(wasm.wasm.HEAPF32, at, t, { B, T, U });
    sigmoidInto(wasm, candidate, squashed);
    nextState(wasm.wasm.HEAPF32, at, heapIndex(wasm, squashed), t, { B, T, U });
    freeView(wasm, previous);
    freeView(wasm, resetHidden);
  }
  const output = gruOutput(wasm, states, { B, T, U }, returnSequences);
  free(wasm, flat, kernel3, projected, mixing, candidateKernel, mixed, candidate, squashed);
  return [output, states, gates];
}

function splitRecurrentKernel(
  wasm: WasmBackend,
  source: tf.TensorInfo,
  mixing: tf.TensorInfo,
  candidate: tf.TensorInfo,
  U: number,
): void {
  const heap = wasm.wasm.HEAPF32;
  const [from, toMixing, toCandidate] = [source, mixing, candidate].map((info) => heapIndex(wasm, info)) as [
    number,
    number,
    number,
  ];
  for (let i = 0; i < U; i++) {
    heap.copyWithin(toMixing + i * 2 * U, from + i * 3 * U, from + i * 3 * U + 2 * U);
    heap.copyWithin(toCandidate + i * U, from + i * 3 * U + 2 * U, from + (i + 1) * 3 * U);
  }
}

type Sizes = { B: number; T: number; U: number };
// Offsets into HEAPF32; always built with the same literal shape so the loops stay optimised.
// `mask` is −1 without a mask, else the offset of the [B, T] mask (0 = padded step).
type At = { projected: number; states: number; gates: number; mixed: number; candidate: number; mask: number };

// z = σ(x_z + h·R_z), r = σ(x_r + h·R_r); stores z, r, their slopes σ' and r∘h for the next GEMM.
// A padded step gets z = 1 with slope 0: h' = h exactly, and backpropagation (which reads z and the
// slope) passes dh through unchanged and sends nothing to that step's input or the weights.
function updateAndReset(heap: Float32Array, at: At, t: number, { B, T, U }: Sizes, sigmoid: boolean): void {
  const plane = T * B * U;
  const { projected, mixed, states } = at;
  const gates = at.gates + t * B * U;
  const [resetHidden, update, reset] = [
    gates + GATE.resetHidden * plane,
    gates + GATE.update * plane,
    gates + GATE.reset * plane,
  ];
  const [updateSlope, resetSlope] = [gates + GATE.updateSlope * plane, gates + GATE.resetSlope * plane];
  for (let b = 0; b < B; b++) {
    const xRow = projected + (b * T + t) * 3 * U;
    const mRow = mixed + b * 2 * U;
    const hRow = states + (t * B + b) * U;
    const gRow = b * U;
    const padded = at.mask >= 0 && (heap[at.mask + b * T + t] as number) < 0.5;
    for (let j = 0; j < U; j++) {
      const az = (heap[xRow + j] as number) + (heap[mRow + j] as number);
      const ar = (heap[xRow + U + j] as number) + (heap[mRow + U + j] as number);
      let z: number, zSlope: number, r: number, rSlope: number;
      if (sigmoid) {
        z = 1 / (1 + Math.exp(-az));
        r = 1 / (1 + Math.exp(-ar));
        zSlope = z * (1 - z);
        rSlope = r * (1 - r);
      } else {
        const hz = 0.2 * az + 0.5;
        const hr = 0.2 * ar + 0.5;
        z = hz < 0 ? 0 : hz > 1 ? 1 : hz;
        r = hr < 0 ? 0 : hr > 1 ? 1 : hr;
        zSlope = hz < 0 || hz > 1 ? 0 : 0.2;
        rSlope = hr < 0 || hr > 1 ? 0 : 0.2;
      }
      if (padded) {
        z = 1;
        zSlope = 0;
      }
      const g = gRow + j;
      heap[resetHidden + g] = r * (heap[hRow + j] as number);
      heap[update + g] = z;
      heap[reset + g] = r;
      heap[updateSlope + g] = zSlope;
      heap[resetSlope + g] = rSlope;
    }
  }
}

// 2 a_h = 2 (x_h + (r∘h)·R_h), in place: tanh(a) = 2σ(2a) − 1 lets XNNPACK's sigmoid do the tanh.
function doubledCandidateInput(heap: Float32Array, at: At, t: number, { B, T, U }: Sizes): void {
  const { projected, candidate } = at;
  for (let b = 0; b < B; b++) {
    const xRow = projected + (b * T + t) * 3 * U + 2 * U;
    const cRow = candidate + b * U;
    for (let j = 0; j < U; j++) heap[cRow + j] = 2 * ((heap[xRow + j] as number) + (heap[cRow + j] as number));
  }
}

// h̃ = 2σ(2 a_h) − 1 = tanh(a_h), h' = z∘h + (1 − z)∘h̃.
function nextState(heap: Float32Array, at: At, squashed: number, t: number, { B, T, U }: Sizes): void {
  const plane = T * B * U;
  const gates = at.gates + t * B * U;
  const [update, candidate] = [gates + GATE.update * plane, gates + GATE.candidate * plane];
  const hPrevious = at.states + t * B * U;
  const hNext = hPrevious + B * U;
  const n = B * U;
  for (let i = 0; i < n; i++) {
    const hh = 2 * (heap[squashed + i] as number) - 1;
    const z = heap[update + i] as number;
    heap[candidate + i] = hh;
    heap[hNext + i] = z * (heap[hPrevious + i] as number) + (1 - z) * hh;
  }
}

function gruOutput(
  wasm: WasmBackend,
  states: tf.TensorInfo,
  { B, T, U }: Sizes,
  returnSequences: boolean,
): tf.TensorInfo {
  if (returnSequences) {
    const sequence = view(wasm, states, B * U, [T, B, U]);
    const output = transpose(wasm, sequence, [1, 0, 2]);
    freeView(wasm, sequence);
    return output;
  }
  const output = wasm.makeOutput([B, U], "float32");
  const from = heapIndex(wasm, states) + T * B * U;
  wasm.wasm.HEAPF32.copyWithin(heapIndex(wasm, output), from, from + B * U);
  return output;
}
