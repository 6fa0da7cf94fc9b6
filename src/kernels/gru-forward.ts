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
import { nativeKernels } from "./native";

/**
 * The wasm kernel behind {@link fusedGru}'s forward pass (tfjs-layers' GRU, reset before the
 * recurrent product): one GEMM projects every time step's input, then each step runs two XNNPACK
 * GEMMs into preallocated memory and native SIMD loops for the gates (native/gru.ts) — ≈80 dispatches for 40
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
  const native = nativeKernels(wasm);
  const bytes = (info: tf.TensorInfo) => heapIndex(wasm, info) * 4;
  const plane = T * B * U * 4;
  for (let t = 0; t < T; t++) {
    const previous = view(wasm, states, t * B * U, [B, U]);
    gemmInto(wasm, previous, mixing, mixed, [B, U, 2 * U]);
    const step = bytes(gates) + t * B * U * 4;
    native.gruGates(
      bytes(projected),
      bytes(mixed),
      bytes(states) + t * B * U * 4,
      step + GATE.resetHidden * plane,
      step + GATE.update * plane,
      step + GATE.reset * plane,
      step + GATE.updateSlope * plane,
      step + GATE.resetSlope * plane,
      mask === undefined ? 0 : bytes(mask),
      mask !== undefined,
      t,
      B,
      T,
      U,
      sigmoid,
    );
    const resetHidden = view(wasm, gates, (GATE.resetHidden * T + t) * B * U, [B, U]);
    gemmInto(wasm, resetHidden, candidateKernel, candidate, [B, U, U]);
    native.gruDoubledCandidate(bytes(projected), bytes(candidate), t, B, T, U);
    sigmoidInto(wasm, candidate, squashed);
    const hPrevious = bytes(states) + t * B * U * 4;
    native.gruNextState(
      bytes(squashed),
      step + GATE.update * plane,
      step + GATE.candidate * plane,
      hPrevious,
      hPrevious + B * U * 4,
      B * U,
    );
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
