import type * as tf from "@tensorflow/tfjs-core";
import { nativeGemm } from "./native-gemm";
import { type KernelArgs, type WasmBackend, wasmKernel } from "./wasm-ops";

/**
 * `_FusedMatMul` (`tf.fused.matMul`) for `wasm`: a dense layer's x·W + b with a relu or no activation,
 * as one pass of mtlkit's native GEMM ({@link nativeGemm}) — the bias starts the sums and the relu is
 * applied as each tile is stored. Other activations, prelu weights and large products run the wasm
 * backend's own kernel.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("_FusedMatMul", "wasm")?.kernelFunc === fusedMatMul; // → true
 */
export function fusedMatMul({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { a, b, bias, preluActivationWeights } = inputs as Record<string, tf.TensorInfo | undefined>;
  const { transposeA, transposeB, activation } = attrs as unknown as FusedAttrs;
  const plain = activation === "linear" || activation === "relu";
  if (plain && preluActivationWeights == null && a !== undefined && b !== undefined) {
    const options = { transposeA, transposeB, relu: activation === "relu" };
    const out = nativeGemm(wasm, a, b, bias == null ? options : { ...options, bias });
    if (out !== undefined) return out;
  }
  return wasmKernel("_FusedMatMul", wasm, inputs, attrs);
}

// The attributes tfjs-core gives `_FusedMatMul` (its typings export no type for them).
interface FusedAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation: string;
}
