import * as tf from "@tensorflow/tfjs-core";
import { lossFunctions } from "./losses";
import type { ResolvedTask } from "./types";

/**
 * A task's loss on a batch: the mean of its per-sample loss over the samples whose mask is 1, so
 * a sample missing this task's label contributes nothing (0 when the batch has no label at all).
 * A sigmoid box head's loss is computed on the boxes σ(outputs), in the targets' normalised units.
 *
 * @example
 * const task = resolveTask({ name: "rating", kind: "regression" });
 * const mask = tf.tensor1d([1, 0]); // the second sample has no label
 * taskLoss(task, tf.tensor2d([[1], [5]]), tf.tensor1d([0, 0]), mask); // → 1.0000
 */
export function taskLoss(task: ResolvedTask, outputs: tf.Tensor, targets: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const flat = tf.reshape(outputs, [outputs.shape[0] ?? -1, -1]) as tf.Tensor2D;
    const definition = typeof task.loss === "string" ? lossFunctions[task.loss] : task.loss;
    const boxes = task.kind === "bbox" && task.activation === "sigmoid";
    const perSample = definition.perSample(boxes ? tf.sigmoid(flat) : flat, targets);
    if (mask === undefined) return tf.mean(perSample) as tf.Scalar;
    const weights = tf.cast(tf.reshape(mask, [-1]), "float32");
    // Dividing by max(Σmask, 1) gives 0 for a batch without labels; tf.divNoNan has no gradient path here.
    return tf.div(tf.sum(tf.mul(perSample, weights)), tf.maximum(tf.sum(weights), 1)) as tf.Scalar;
  });
}
