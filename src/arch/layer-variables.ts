import type * as tf from "@tensorflow/tfjs-core";
import type { layers } from "@tensorflow/tfjs-layers";

/**
 * The trainable tf.Variables of built tfjs layers, in layer order then weight order — the
 * bookkeeping every architecture needs to report shared and per-task variables.
 *
 * @example
 * const dense = tfl.layers.dense({ units: 2 });
 * dense.apply(tf.zeros([1, 3]));
 * layerVariables([dense]).map((v) => v.shape); // [[3, 2], [2]]
 */
export function layerVariables(stack: readonly layers.Layer[]): tf.Variable[] {
  return stack.flatMap((layer) => layer.trainableWeights.map((weight) => weight.read() as tf.Variable));
}
