import * as tf from "@tensorflow/tfjs-core";
import type { KernelArgs } from "./wasm-ops";
import { slice } from "./slice";

/**
 * `Unpack` (`tf.unstack`) for `wasm` on mtlkit's {@link slice}: the built-in kernel calls its own
 * `Slice`, which copies the whole input once per output.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("Unpack", "wasm")?.kernelFunc === unpack; // → true
 */
export function unpack({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const { value } = inputs as { value: tf.TensorInfo };
  const rank = value.shape.length;
  const axis = ((attrs as unknown as tf.UnpackAttrs).axis + rank) % rank;
  const outShape = value.shape.filter((_, i) => i !== axis);
  const size = value.shape.slice();
  size[axis] = 1;
  return Array.from({ length: value.shape[axis] as number }, (_, i) => {
    const begin = value.shape.map((_, a) => (a === axis ? i : 0));
    const { dataId, dtype } = slice({ inputs: { x: value }, backend, attrs: { begin, size } });
    return { dataId, dtype, shape: outShape };
  });
}
