import type * as tf from "@tensorflow/tfjs-core";
import { warnOnce } from "../errors";
import { rowsAreProbabilities } from "../tasks/rows-are-probabilities";

/**
 * Warns once per model when a shared representation already looks like a classifier's probabilities
 * (width ≥ 2, every row in [0, 1] and summing to 1): the trunk then ends in the softmax of its old
 * task, which kept only what that task needed — seed 001's transfer exercise stacks new heads on
 * `VGG16(include_top=True)`, the 1 000 ImageNet probabilities, not the features beneath them.
 * Returns whether the representation looked like probabilities.
 *
 * @example
 * warnIfProbabilityFeatures("vgg-top", tf.tensor2d([[0.1, 0.9], [0.5, 0.5]])); // → true
 * warnIfProbabilityFeatures("features", tf.tensor2d([[1.5, 0], [0.2, 0.3]])); // → false
 */
export function warnIfProbabilityFeatures(model: string, representation: tf.Tensor): boolean {
  // One column always sums to 1: a single-unit trunk is not a classifier's probabilities.
  if (representation.rank === 2 && (representation.shape[1] as number) < 2) return false;
  if (!rowsAreProbabilities(representation)) return false;
  warnOnce(
    `probability-features:${model}`,
    `model "${model}": the shared representation looks like a classifier's probabilities (rows in [0, 1] ` +
      "summing to 1), so the heads see only what the old task kept; take the features before its softmax " +
      "(include_top=False, or the penultimate layer)",
  );
  return true;
}
