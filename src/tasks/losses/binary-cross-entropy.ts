import * as tf from "@tensorflow/tfjs-core";
import type { LossDefinition } from "./types";

/**
 * Binary cross-entropy on logits, averaged over the W outputs of a sample:
 * ℓ = mean_w [max(o,0) − o·y + log(1 + e^{−|o|})], the stable form of −y log σ(o) − (1−y) log(1−σ(o)).
 * For a mask the W outputs are its pixels: this is the per-pixel BCE averaged over the image.
 *
 * @example
 * binaryCrossEntropy.perSample(tf.tensor2d([[0]]), tf.tensor2d([[1]])); // → [0.6931] (ln 2)
 */
export const binaryCrossEntropy: LossDefinition = {
  kinds: ["binary", "multilabel", "mask"],
  perSample: (outputs, targets) =>
    tf.tidy(() => {
      const y = tf.reshape(tf.cast(targets, "float32"), outputs.shape);
      const positive = tf.relu(outputs);
      const softplus = tf.log1p(tf.exp(tf.neg(tf.abs(outputs))));
      return tf.mean(tf.add(tf.sub(positive, tf.mul(outputs, y)), softplus), 1) as tf.Tensor1D;
    }),
};
