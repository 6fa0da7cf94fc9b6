import type * as tf from "@tensorflow/tfjs-core";
import { warnOnce } from "../errors";

/** How far a row's sum may be from 1 and still count as a softmax output (float32 rounding). */
const SUM_TOLERANCE = 1e-4;

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
  if (output.rank !== 2 || output.shape[0] === 0) return false;
  const width = output.shape[1] as number;
  const values = output.dataSync();
  for (let row = 0; row < values.length / width; row++) {
    let sum = 0;
    for (let k = 0; k < width; k++) {
      const value = values[row * width + k] as number;
      if (!(value >= 0 && value <= 1)) return false;
      sum += value;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) return false;
  }
  warnOnce(
    `probability-outputs:${task}`,
    `task "${task}": the head's outputs already look like probabilities (rows in [0, 1] summing to 1), ` +
      "but the cross-entropy applies its own softmax to logits; remove the head's softmax",
  );
  return true;
}
