import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, free, freeView, heapIndex, reshape, transpose, view, wasmKernel } from "./wasm-ops";
import { gemmInto } from "./gemm-into";
import { type GruAttrs, GATE, gruSizes } from "./gru-layout";

/**
 * The wasm kernel behind {@link fusedGru}'s forward pass (tfjs-layers' GRU, reset before the
 * recurrent product): one GEMM projects every time step's input, then each step runs two XNNPACK
 * GEMMs into preallocated memory and one JS loop over the heap for the gates — ≈80 dispatches for 40
 * steps instead of ≈3,000. Outputs [output, states (T+1)×B×U, gates 6×T×B×U] — the last two are
 * what {@link gruBackward} needs.
 *
 * @example
 * tf.registerKernel({ kernelName: "MtlkitGruForward", backendName: "wasm", kernelFunc: gruForward });
 */
export function gruForward({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as WasmBackend;
  const { x, kernel, recurrentKernel, bias } = inputs as Record<"x" | "kernel" | "recurrentKernel" | "bias", tf.TensorInfo>;
  const { recurrentActivation, returnSequences } = attrs as unknown as GruAttrs;
  const { B, T, D, U } = gruSizes(x, recurrentKernel);
  const flat = reshape(wasm, x, [1, B * T, D]);
  const kernel3 = reshape(wasm, kernel, [1, D, 3 * U]);
  const projected = wasmKernel("_FusedMatMul", wasm, { a: flat, b: kernel3, bias }, { transposeA: false, transposeB: false, activation: "linear" });
  const mixing = wasm.makeOutput([U, 2 * U], "float32");
  const candidateKernel = wasm.makeOutput([U, U], "float32");
  const states = wasm.makeOutput([T + 1, B, U], "float32");
  const gates = wasm.makeOutput([6, T, B, U], "float32");
  const mixed = wasm.makeOutput([B, 2 * U], "float32");
  const candidate = wasm.makeOutput([B, U], "float32");
  splitRecurrentKernel(wasm, recurrentKernel, mixing, candidateKernel, U);
  wasm.wasm.HEAPF32.fill(0, heapIndex(wasm, states), heapIndex(wasm, states) + B * U);
  const at = { projected: heapIndex(wasm, projected), states: heapIndex(wasm, states), gates: heapIndex(wasm, gates) };
  const sigmoid = recurrentActivation === "sigmoid";
  for (let t = 0; t < T; t++) {
    const previous = view(wasm, states, t * B * U, [B, U]);
    gemmInto(wasm, previous, mixing, mixed, [B, U, 2 * U]);
    updateAndReset(wasm.wasm.HEAPF32, { ...at, mixed: heapIndex(wasm, mixed) }, t, { B, T, U }, sigmoid);
    const resetHidden = view(wasm, gates, (GATE.resetHidden * T + t) * B * U, [B, U]);
    gemmInto(wasm, resetHidden, candidateKernel, candidate, [B, U, U]);
    nextState(wasm.wasm.HEAPF32, { ...at, candidate: heapIndex(wasm, candidate) }, t, { B, T, U });
    freeView(wasm, previous);
    freeView(wasm, resetHidden);
  }
  const output = gruOutput(wasm, states, { B, T, U }, returnSequences);
  free(wasm, flat, kernel3, projected, mixing, candidateKernel, mixed, candidate);
  return [output, states, gates];
}

function splitRecurrentKernel(wasm: WasmBackend, source: tf.TensorInfo, mixing: tf.TensorInfo, candidate: tf.TensorInfo, U: number): void {
  const heap = wasm.wasm.HEAPF32;
  const [from, toMixing, toCandidate] = [source, mixing, candidate].map((info) => heapIndex(wasm, info)) as [number, number, number];
  for (let i = 0; i < U; i++) {
    heap.copyWithin(toMixing + i * 2 * U, from + i * 3 * U, from + i * 3 * U + 2 * U);
    heap.copyWithin(toCandidate + i * U, from + i * 3 * U + 2 * U, from + (i + 1) * 3 * U);
  }
}

type Sizes = { B: number; T: number; U: number };

// z = σ(x_z + h·R_z), r = σ(x_r + h·R_r); stores z, r, their slopes σ' and r∘h for the next GEMM.
function updateAndReset(
  heap: Float32Array, at: { projected: number; states: number; gates: number; mixed: number }, t: number, { B, T, U }: Sizes, sigmoid: boolean,
): void {
  const plane = T * B * U;
  for (let b = 0; b < B; b++) {
    const xRow = at.projected + (b * T + t) * 3 * U;
    const mRow = at.mixed + b * 2 * U;
    const hRow = at.states + (t * B + b) * U;
    const gRow = at.gates + (t * B + b) * U;
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
      const g = gRow + j;
      heap[g + GATE.resetHidden * plane] = r * (heap[hRow + j] as number);
      heap[g + GATE.update * plane] = z;
      heap[g + GATE.reset * plane] = r;
      heap[g + GATE.updateSlope * plane] = zSlope;
      heap[g + GATE.resetSlope * plane] = rSlope;
    }
  }
}

// h̃ = tanh(x_h + (r∘h)·R_h), h' = z∘h + (1 − z)∘h̃.
function nextState(heap: Float32Array, at: { projected: number; states: number; gates: number; candidate: number }, t: number, { B, T, U }: Sizes): void {
  const plane = T * B * U;
  for (let b = 0; b < B; b++) {
    const xRow = at.projected + (b * T + t) * 3 * U + 2 * U;
    const cRow = at.candidate + b * U;
    const hRow = at.states + (t * B + b) * U;
    const gRow = at.gates + (t * B + b) * U;
    for (let j = 0; j < U; j++) {
      const hh = Math.tanh((heap[xRow + j] as number) + (heap[cRow + j] as number));
      const z = heap[gRow + j + GATE.update * plane] as number;
      heap[gRow + j + GATE.candidate * plane] = hh;
      heap[hRow + B * U + j] = z * (heap[hRow + j] as number) + (1 - z) * hh;
    }
  }
}

function gruOutput(wasm: WasmBackend, states: tf.TensorInfo, { B, T, U }: Sizes, returnSequences: boolean): tf.TensorInfo {
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
