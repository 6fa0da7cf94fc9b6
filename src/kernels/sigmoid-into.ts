import type * as tf from "@tensorflow/tfjs-core";
import type { WasmBackend } from "./wasm-ops";

type RawUnary = (xId: number, outId: number) => void;
const rawSigmoids = new WeakMap<object, RawUnary>();

/**
 * out = σ(x) elementwise with the wasm backend's XNNPACK sigmoid (vectorised, ≈20× JS's Math.tanh),
 * written into an existing tensor or view `out` of x's size — no allocation.
 *
 * @example
 * await tf.setBackend("wasm");
 * const [x, out] = [tf.tensor1d([0, 2]), tf.tensor1d([7, 7])];
 * sigmoidInto(tf.backend() as never, x, out);
 * out.dataSync(); // → [0.5000, 0.8808]
 * await tf.setBackend("cpu");
 */
export function sigmoidInto(backend: WasmBackend, x: tf.TensorInfo, out: tf.TensorInfo): void {
  let sigmoid = rawSigmoids.get(backend.wasm);
  if (sigmoid === undefined) {
    sigmoid = backend.wasm.cwrap("Sigmoid", null, ["number", "number"]) as RawUnary;
    rawSigmoids.set(backend.wasm, sigmoid);
  }
  sigmoid(backend.dataIdMap.get(x.dataId).id, backend.dataIdMap.get(out.dataId).id);
}
