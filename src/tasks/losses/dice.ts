import * as tf from "@tensorflow/tfjs-core";
import type { LossDefinition } from "./types";

/** Smoothing of the soft Dice ratio: keeps an empty mask predicted empty at loss 0, not 0/0. */
const smooth = 1;

/**
 * Soft Dice loss per sample on mask logits, p = σ(o): 1 − (2 Σ p·y + 1) / (Σ p + Σ y + 1), the Dice
 * coefficient of V-Net (Milletari et al. 2016, eq. 1) with the linear denominator of Sudre et al.
 * 2017 and a smoothing of 1. It scores overlap, so a small digit on a large background is not
 * drowned out by the background pixels as it is in a per-pixel BCE.
 *
 * @example
 * dice.perSample(tf.tensor2d([[0, 0]]), tf.tensor2d([[1, 0]])); // 1 − (2·0.5 + 1) / (1 + 1 + 1) = [0.3333]
 */
export const dice: LossDefinition = {
  kinds: ["mask"],
  perSample: (outputs, targets) =>
    tf.tidy(() => {
      const p = tf.sigmoid(outputs);
      const y = tf.reshape(tf.cast(targets, "float32"), outputs.shape);
      const overlap = tf.add(tf.mul(2, tf.sum(tf.mul(p, y), 1)), smooth);
      const total = tf.add(tf.add(tf.sum(p, 1), tf.sum(y, 1)), smooth);
      return tf.sub(1, tf.div(overlap, total)) as tf.Tensor1D;
    }),
};
