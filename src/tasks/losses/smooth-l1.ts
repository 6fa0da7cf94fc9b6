import * as tf from "@tensorflow/tfjs-core";
import type { LossDefinition } from "./types";

/**
 * Smooth-L1 (Huber with δ = 1) per sample, averaged over the W outputs: 0.5·d² where |d| < 1,
 * |d| − 0.5 elsewhere (Girshick 2015, Fast R-CNN eq. 3).
 *
 * @example
 * smoothL1.perSample(tf.tensor2d([[0.5, 3]]), tf.tensor2d([[0, 0]])); // → [1.3125] ((0.125 + 2.5) / 2)
 */
export const smoothL1: LossDefinition = {
  kinds: ["regression", "bbox"],
  perSample: (outputs, targets) =>
    tf.tidy(() => {
      const d = tf.abs(tf.sub(outputs, tf.reshape(targets, outputs.shape)));
      const quadratic = tf.minimum(d, 1);
      // 0.5·q² + (d − q) equals 0.5·d² below 1 and d − 0.5 above, with a continuous gradient.
      const value = tf.add(tf.mul(0.5, tf.square(quadratic)), tf.sub(d, quadratic));
      return tf.mean(value, 1) as tf.Tensor1D;
    }),
};
