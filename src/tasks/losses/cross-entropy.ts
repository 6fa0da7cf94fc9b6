import * as tf from "@tensorflow/tfjs-core";
import type { LossDefinition } from "./types";

/**
 * Softmax cross-entropy on logits: ℓ = −log softmax(o)_y = logΣ_c e^{o_c} − o_y, computed with
 * logSoftmax for stability.
 *
 * @example
 * crossEntropy.perSample(tf.tensor2d([[0, 0]]), tf.tensor1d([1], "int32")); // → [0.6931] (ln 2)
 */
export const crossEntropy: LossDefinition = {
  kinds: ["classification"],
  perSample: (outputs, targets) =>
    tf.tidy(() => {
      const classes = outputs.shape[1];
      const oneHot = tf.oneHot(tf.cast(tf.reshape(targets, [-1]), "int32"), classes);
      return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(outputs)), 1)) as tf.Tensor1D;
    }),
};
