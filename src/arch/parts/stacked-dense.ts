import * as tf from "@tensorflow/tfjs-core";
import { activate, type ActivationName } from "./activation";
import type { DenseLayer } from "./dense-layer";

/**
 * L dense layers of one shape [h, h'] each applied to its own input, h [L, B, h] → [L, B, h'], as
 * ONE batched matmul with the kernels stacked [L, h, h']: slice l is layer l's act(h_l W_l + b_l).
 *
 * @example
 * const layers = [1, 2].map((i) => denseLayer({ inputSize: 4, units: 3, rng: createRng(i), name: `fc${i}` }));
 * stackedDense(tf.ones([2, 5, 4]), layers, "relu").shape; // [2, 5, 3]
 */
export function stackedDense(h: tf.Tensor3D, layers: readonly DenseLayer[], activation: ActivationName): tf.Tensor3D {
  return tf.tidy(() => {
    const kernel = tf.stack(layers.map((layer) => layer.kernel)) as tf.Tensor3D;
    const bias = tf.reshape(tf.stack(layers.map((layer) => layer.bias)), [layers.length, 1, layers[0]!.units]);
    return activate(tf.add(tf.matMul(h, kernel), bias), activation) as tf.Tensor3D;
  });
}
