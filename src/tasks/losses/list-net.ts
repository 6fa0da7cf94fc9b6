import * as tf from "@tensorflow/tfjs-core";
import type { LossDefinition } from "./types";

/**
 * ListNet's top-one loss (Cao et al. 2007, eq. 6 with the softmax of eq. 5): the cross-entropy
 * between the softmax of the relevance labels and the softmax of the scores over a sample's list.
 *
 * @example
 * listNet.perSample(tf.tensor2d([[0, 0]]), tf.tensor2d([[1, 1]])); // → [0.6931] (ln 2)
 */
export const listNet: LossDefinition = {
  kinds: ["ranking"],
  perSample: (outputs, targets) =>
    tf.tidy(() => {
      const target = tf.softmax(tf.reshape(tf.cast(targets, "float32"), outputs.shape));
      return tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(outputs)), 1)) as tf.Tensor1D;
    }),
};
