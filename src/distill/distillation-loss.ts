import * as tf from "@tensorflow/tfjs-core";
import { checkSameShape } from "./check-same-shape";
import { checkTemperature } from "./check-temperature";
import { softmaxKlPerSample } from "./soft-target-kl";

/** Options of the distillation losses. */
export interface DistillationOptions {
  /** Softmax (or sigmoid) temperature τ > 0. Default 1. */
  temperature?: number;
}

/**
 * Hinton et al.'s soft-target loss (2015, "Distilling the Knowledge in a Neural Network", §2):
 * τ²·KL(softmax(t/τ) ‖ softmax(s/τ)), averaged over the batch. Its gradient w.r.t. the student's
 * logits is τ·(softmax(s/τ) − softmax(t/τ)) / B; the factor τ² keeps the gradients' scale as τ
 * changes (without it they shrink like 1/τ²).
 *
 * @example
 * const student = tf.tensor2d([[0, 0]]);
 * const teacher = tf.tensor2d([[Math.log(3), 0]]);  // softmax = [0.75, 0.25]
 * // KL([0.75, 0.25] ‖ [0.5, 0.5]) = 0.75·ln 1.5 + 0.25·ln 0.5 = 0.1308
 * distillationLoss(student, teacher, { temperature: 1 }); // → 0.1308
 */
export function distillationLoss(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  options: DistillationOptions = {},
): tf.Scalar {
  const temperature = checkTemperature(options.temperature ?? 1, "distillationLoss");
  checkSameShape(studentLogits, teacherLogits, "distillationLoss");
  return tf.tidy(() => {
    const width = studentLogits.shape[studentLogits.rank - 1] ?? 1;
    const s = tf.reshape(studentLogits, [-1, width]) as tf.Tensor2D;
    const t = tf.reshape(teacherLogits, [-1, width]) as tf.Tensor2D;
    return tf.mean(softmaxKlPerSample(s, t, temperature)) as tf.Scalar;
  });
}
