import * as tf from "@tensorflow/tfjs-core";
import type { LossDefinition } from "./types";

/**
 * Mean absolute error per sample, averaged over the W outputs: ℓ = mean_w |o − y|.
 *
 * @example
 * mae.perSample(tf.tensor2d([[1, -3]]), tf.tensor2d([[0, 0]])); // → [2.0000]
 */
export const mae: LossDefinition = {
  kinds: ["regression", "bbox", "ranking"],
  perSample: (outputs, targets) =>
    tf.tidy(() => tf.mean(tf.abs(tf.sub(outputs, tf.reshape(targets, outputs.shape))), 1) as tf.Tensor1D),
};
