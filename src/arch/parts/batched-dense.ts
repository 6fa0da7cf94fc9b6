import * as tf from "@tensorflow/tfjs-core";
import { activate, type ActivationName } from "./activation";
import type { DenseLayer } from "./dense-layer";

/**
 * L dense layers of one shape [D, h] applied to the same input x [B, D] as ONE matmul with the
 * kernels side by side, act(x [W_1 … W_L] + [b_1 … b_L]), reshaped to [B, L, h]: slice l equals
 * layer l's act(x W_l + b_l), and each layer's own variables get their own gradients.
 *
 * @example
 * const layers = [1, 2].map((i) => denseLayer({ inputSize: 4, units: 3, rng: createRng(i), name: `fc${i}` }));
 * batchedDense(tf.ones([5, 4]), layers, "relu").shape; // [5, 2, 3]
 */
export function batchedDense(x: tf.Tensor2D, layers: readonly DenseLayer[], activation: ActivationName): tf.Tensor3D {
  return tf.tidy(() => {
    const units = layers[0]!.units;
    const kernel =
      layers.length === 1
        ? layers[0]!.kernel
        : tf.concat(
            layers.map((layer) => layer.kernel),
            1,
          );
    const bias =
      layers.length === 1
        ? layers[0]!.bias
        : tf.concat(
            layers.map((layer) => layer.bias),
            0,
          );
    const out =
      activation === "relu" || activation === "linear"
        ? tf.fused.matMul({ a: x, b: kernel as tf.Tensor2D, bias, activation })
        : activate(tf.add(tf.matMul(x, kernel as tf.Tensor2D), bias), activation);
    return tf.reshape(out, [x.shape[0], layers.length, units]);
  });
}
