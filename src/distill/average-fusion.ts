import * as tf from "@tensorflow/tfjs-core";
import type { NamedTensors } from "../arch/types";
import { mtlError } from "../errors";

/**
 * Averaging fusion: the mean, per task, of several models' predictions (probabilities from
 * `model.predict`, or regression values) — the simplest ensemble (e.g. Dietterich 2000).
 *
 * @example
 * const fused = averageFusion([{ left: tf.tensor2d([[0.8, 0.2]]) }, { left: tf.tensor2d([[0.4, 0.6]]) }]);
 * fused.left; // → [[0.6, 0.4]]
 */
export function averageFusion(predictions: readonly NamedTensors[]): NamedTensors {
  const first = predictions[0];
  if (first === undefined) {
    throw mtlError({
      code: "empty-fusion",
      message: "averageFusion got no predictions",
      fix: "pass one prediction record per model",
    });
  }
  return tf.tidy(() =>
    Object.fromEntries(
      Object.keys(first).map((name) => {
        const stack = predictions.map((record) => {
          const value = record[name];
          if (value === undefined) {
            throw mtlError({
              code: "unknown-task",
              message: `averageFusion: a model's predictions have no task "${name}"`,
              fix: "predict the same tasks with every model",
            });
          }
          return value;
        });
        return [name, tf.mean(tf.stack(stack), 0)];
      }),
    ),
  );
}
