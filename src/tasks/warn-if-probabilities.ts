import type * as tf from "@tensorflow/tfjs-core";
import { warnOnce } from "../errors";
import { rowsAreProbabilities } from "./rows-are-probabilities";

/**
 * Warns once per task when a classification head's raw outputs already look like probabilities
 * (every row in [0, 1] and summing to 1): mtlkit's cross-entropy applies the softmax itself, so a
 * head ending in a softmax is squashed twice — the seeds' `Dense(10, activation='softmax')` with
 * `categorical_crossentropy` from logits, or `nn.Softmax` before `nn.CrossEntropyLoss` (seed 004).
 * Returns whether the outputs looked like probabilities.
 *
 * @example
 * warnIfProbabilities("digit", tf.tensor2d([[0.25, 0.75], [0.5, 0.5]])); // → true
 * warnIfProbabilities("digit", tf.tensor2d([[2, -1], [0.5, 0.5]])); // → false
 */
export function warnIfProbabilities(task: string, output: tf.Tensor): boolean {
  if (!rowsAreProbabilities(output)) return false;
  warnOnce(
    `probability-outputs:${task}`,
    `task "${task}": the head's outputs already look like probabilities (rows in [0, 1] summing to 1), ` +
      "but the cross-entropy applies its own softmax to logits; remove the head's softmax",
  );
  return true;
}
