import * as tf from "@tensorflow/tfjs-core";
import type { LossDefinition } from "./types";

/**
 * Mean squared error per sample, averaged over the W outputs: ℓ = mean_w (o − y)².
 *
 * @example
 * mse.perSample(tf.tensor2d([[1, 3]]), tf.tensor2d([[0, 0]])); // → [5.0000]
 */
export const mse: LossDefinition = {
  kinds: ["regression", "bbox", "ranking"],
  perSample: (outputs, targets) =>
    tf.tidy(() => tf.mean(tf.squaredDifference(outputs, tf.reshape(targets, outputs.shape)), 1) as tf.Tensor1D),
};
