import * as tf from "@tensorflow/tfjs-core";
import type { KernelArgs } from "./wasm-ops";
import { slice } from "./slice";

/**
 * `SplitV` for `wasm` on mtlkit's {@link slice}: the built-in kernel calls its own `Slice`, which
 * copies the whole input once per part (the gradient of every `concat` is a `SplitV`).
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("SplitV", "wasm")?.kernelFunc === splitV; // → true
 */
export function splitV({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const { x } = inputs as { x: tf.TensorInfo };
  const { numOrSizeSplits, axis } = attrs as unknown as tf.SplitVAttrs;
  const along = tf.util.parseAxisParam(axis, x.shape)[0] as number;
  const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, along);
  const begin = x.shape.map(() => 0);
  return sizes.map((part) => {
    const size = x.shape.slice();
    size[along] = part;
    const out = slice({ inputs: { x }, backend, attrs: { begin: begin.slice(), size } });
    begin[along] = (begin[along] as number) + part;
    return out;
  });
}
