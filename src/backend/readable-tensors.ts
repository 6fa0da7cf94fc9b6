import * as tf from "@tensorflow/tfjs-core";
import { inspect } from "node:util";

/**
 * Makes `console.log(tensor)` and a notebook cell ending in a tensor print its values, as
 * `tensor.print()` does, instead of the object's internals (backend ids, data handles).
 *
 * @example
 * readableTensors();
 * console.log(tf.tensor([1, 2])); // Tensor [1, 2]
 */
export function readableTensors(): void {
  const prototype = tf.Tensor.prototype as unknown as Record<symbol, unknown>;
  prototype[inspect.custom] = function (this: tf.Tensor): string {
    if (this.isDisposed) return `Tensor (disposed) shape [${this.shape.join(", ")}] ${this.dtype}`;
    return this.toString();
  };
}
