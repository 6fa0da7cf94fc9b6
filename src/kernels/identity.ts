import type * as tf from "@tensorflow/tfjs-core";
import type { KernelArgs } from "./wasm-ops";

/**
 * `Identity` (tf.clone, and the copy tfjs keeps of every tensor saved for a gradient) for `wasm` that
 * shares the data and counts a reference, as the `cpu` backend and the wasm `Reshape` do, instead
 * of copying it — tensors are immutable, and a GRU step saves megabytes for its gradient.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("Identity", "wasm")?.kernelFunc === identity; // → true
 */
export function identity({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const x = inputs.x as tf.TensorInfo;
  (backend as unknown as { incRef(dataId: tf.DataId): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
