import type * as tf from "@tensorflow/tfjs-core";
import { identity } from "./identity";
import { type KernelArgs, type WasmBackend, wasmKernel } from "./wasm-ops";

/**
 * `Cast` for `wasm` that shares the data when the dtype does not change, as the `cpu` backend does, and
 * otherwise runs the backend's own cast. Every ReLU gradient casts its float32 step mask to float32
 * (`dy · cast(step(x))` in tfjs-core), which the built-in kernel copies: a full pass over each activation.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("Cast", "wasm")?.kernelFunc === cast; // → true
 */
export function cast(args: KernelArgs): tf.TensorInfo {
  const x = args.inputs.x as tf.TensorInfo;
  const { dtype } = args.attrs as unknown as tf.CastAttrs;
  if (dtype === x.dtype) return identity(args);
  return wasmKernel("Cast", args.backend as WasmBackend, args.inputs, args.attrs);
}
