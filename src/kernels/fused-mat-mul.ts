import type * as tf from "@tensorflow/tfjs-core";
import { nativeGemm } from "./native-gemm";
import { type KernelArgs, type WasmBackend, free, reshape, wasmKernel } from "./wasm-ops";

/**
 * `_FusedMatMul` (`tf.fused.matMul`) for `wasm`: a dense layer's x·W + b with a relu or no activation,
 * as one pass of mtlkit's native GEMM ({@link nativeGemm}) — the bias starts the sums and the relu is
 * applied as each tile is stored. Other activations, prelu weights and large products run the wasm
 * backend's own kernel (on rank-3 views of rank-2 operands, the only rank it reads).
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
  if (a === undefined || b === undefined || a.shape.length !== 2 || b.shape.length !== 2)
    return wasmKernel("_FusedMatMul", wasm, inputs, attrs);
  // The wasm kernel reads rank-3 shapes (tfjs's op reshapes before calling it; fusedDense passes matrices).
  const [a3, b3] = [a, b].map((x) => reshape(wasm, x, [1, ...x.shape])) as [tf.TensorInfo, tf.TensorInfo];
  const product = wasmKernel("_FusedMatMul", wasm, { ...inputs, a: a3, b: b3 }, attrs);
  const out = reshape(wasm, product, product.shape.slice(1));
  free(wasm, a3, b3, product);
  return out;
}

// The attributes tfjs-core gives `_FusedMatMul` (its typings export no type for them).
interface FusedAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation: string;
}
