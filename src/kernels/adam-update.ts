import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend } from "./wasm-ops";
import { nativeKernels } from "./native";

/** Attributes of {@link adamUpdate}. */
export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * One Adam step (Kingma & Ba 2015, Algorithm 1, in tfjs's `AdamOptimizer` form) for one variable as
 * one wasm kernel — one SIMD pass over the heap (native/optimizer.ts) instead of ≈12 elementwise kernels:
 * m' = β₁m + (1−β₁)g, v' = β₂v + (1−β₂)g²,
 * x' = x − lr·(m'/(1−β₁ᵗ)) / (√(v'/(1−β₂ᵗ)) + ε).
 * Inputs x, m, v, gradient and the scalars accBeta1 = β₁ᵗ, accBeta2 = β₂ᵗ; outputs new [x', m', v']
 * (new tensors, so XNNPACK's weight caches keyed on tensor ids never see stale values).
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("MtlkitAdamUpdate", "wasm")?.kernelFunc === adamUpdate; // → true
 */
export function adamUpdate({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as WasmBackend;
  const { x, m, v, gradient, accBeta1, accBeta2 } = inputs as Record<string, tf.TensorInfo>;
  const { learningRate, beta1, beta2, epsilon } = attrs as unknown as AdamUpdateAttrs;
  const outputs = [x, m, v].map((info) => wasm.makeOutput((info as tf.TensorInfo).shape, "float32"));
  const heap = wasm.wasm.HEAPF32;
  const at = (info: tf.TensorInfo) => wasm.dataIdMap.get(info.dataId).memoryOffset;
  // The scalars as tfjs's float32 ops see them.
  const f = Math.fround;
  const correction1 = f(1 - (heap[at(accBeta1 as tf.TensorInfo) >> 2] as number));
  const correction2 = f(1 - (heap[at(accBeta2 as tf.TensorInfo) >> 2] as number));
  const [xo, mo, vo] = outputs.map(at) as [number, number, number];
  const n = tf.util.sizeFromShape((x as tf.TensorInfo).shape);
  const [xi, mi, vi, gi] = [x, m, v, gradient].map((info) => at(info as tf.TensorInfo)) as [
    number,
    number,
    number,
    number,
  ];
  nativeKernels(wasm).adamUpdate(
    xi,
    mi,
    vi,
    gi,
    xo,
    mo,
    vo,
    n,
    beta1,
    beta2,
    1 - beta1,
    1 - beta2,
    correction1,
    correction2,
    epsilon,
    -learningRate,
  );
  return outputs;
}
