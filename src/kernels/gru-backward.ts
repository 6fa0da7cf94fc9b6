import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, free, heapIndex } from "./wasm-ops";
import { gemmInto } from "./gemm-into";
import { type GruAttrs, GATE, gruSizes } from "./gru-layout";
import { gruWeightGrads } from "./gru-weight-grads";
import { nativeKernels } from "./native";

/**
 * The wasm kernel behind {@link fusedGru}'s gradient: backpropagation through time over the states
 * and gates the forward kernel saved — per step two XNNPACK GEMMs into preallocated memory and native SIMD
 * loops (native/gru.ts) that write each pre-activation gradient where the weight gradients want it —
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
  const native = nativeKernels(wasm);
  const bytes = (info: tf.TensorInfo) => heapIndex(wasm, info) * 4;
  const plane = T * B * U * 4;
  const gatesAt = bytes(gates as tf.TensorInfo);
  for (let t = T - 1; t >= 0; t--) {
    const withDy = returnSequences || t === T - 1;
    const dyRow0 = returnSequences ? bytes(dy as tf.TensorInfo) + t * U * 4 : bytes(dy as tf.TensorInfo);
    native.gruCandidateBackward(
      bytes(carry),
      dyRow0,
      withDy,
      returnSequences ? T * U : U,
      gatesAt + GATE.update * plane,
      gatesAt + GATE.candidate * plane,
      gatesAt + GATE.updateSlope * plane,
      bytes(states as tf.TensorInfo),
      bytes(dCandidate),
      bytes(dMixed),
      bytes(dProjected),
      bytes(dGatesT),
      t,
      B,
      T,
      U,
    );
    gemmInto(wasm, dCandidate, candidateT, back, [B, U, U]);
    native.gruResetBackward(
      bytes(back),
      bytes(carry),
      gatesAt + GATE.reset * plane,
      gatesAt + GATE.resetSlope * plane,
      bytes(states as tf.TensorInfo),
      bytes(dMixed),
      bytes(dProjected),
      bytes(dGatesT),
      t,
      B,
      T,
      U,
    );
    if (t === 0) break;
    gemmInto(wasm, dMixed, mixingT, back, [B, 2 * U, U]);
    native.addInto(bytes(back), bytes(carry), B * U);
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
