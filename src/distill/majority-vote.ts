import * as tf from "@tensorflow/tfjs-core";
import type { NamedTensors } from "../arch/types";
import { mtlError } from "../errors";

/**
 * Majority vote over several models' class probabilities [B, C] per task: each model votes for its
 * most probable class and the most voted class wins; a tie goes to the class with the highest mean
 * probability. Returns int32 class indices [B] per task.
 *
 * @example
 * const a = { left: tf.tensor2d([[0.9, 0.1, 0]]) }, b = { left: tf.tensor2d([[0, 0.6, 0.4]]) };
 * const c = { left: tf.tensor2d([[0, 0.45, 0.55]]) };
 * majorityVote([a, b, c]).left; // → [1]  (one vote each; class 1 has the highest mean probability)
 */
export function majorityVote(predictions: readonly NamedTensors[]): NamedTensors {
  const first = predictions[0];
  if (first === undefined) {
    throw mtlError({
      code: "empty-fusion",
      message: "majorityVote got no predictions",
      fix: "pass one prediction record per model",
    });
  }
  return tf.tidy(() =>
    Object.fromEntries(
      Object.keys(first).map((name) => {
        const stack = tf.stack(predictions.map((record) => record[name] as tf.Tensor)) as tf.Tensor3D;
        const classes = stack.shape[2];
        if (classes < 2) {
          throw mtlError({
            code: "vote-needs-classes",
            message: `majorityVote: task "${name}" has outputs of width ${classes}`,
            fix: "vote over class probabilities [B, C] with C ≥ 2 (classification tasks)",
          });
        }
        const votes = tf.sum(tf.oneHot(tf.argMax(stack, 2), classes), 0);
        // Mean probabilities lie in [0, 1], below one vote, so they only break ties.
        const score = tf.add(votes, tf.mul(tf.mean(stack, 0), 0.5));
        return [name, tf.cast(tf.argMax(score, 1), "int32")];
      }),
    ),
  );
}
