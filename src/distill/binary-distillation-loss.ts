import * as tf from "@tensorflow/tfjs-core";
import { checkSameShape } from "./check-same-shape";
import { checkTemperature } from "./check-temperature";
import type { DistillationOptions } from "./distillation-loss";
import { sigmoidKlPerSample } from "./soft-target-kl";

/**
 * The binary (sigmoid) counterpart of {@link distillationLoss}: τ²·KL between the Bernoulli
 * distributions σ(t/τ) and σ(s/τ), averaged over outputs and batch — Hinton et al. 2015, §2, with
 * each output its own two-class softmax (a sigmoid of the logit difference).
 *
 * @example
 * const loss = binaryDistillationLoss(tf.tensor2d([[0]]), tf.tensor2d([[Math.log(3)]]));
 * // p = 0.75, q = 0.5: 0.75·ln 1.5 + 0.25·ln 0.5 = 0.1308
 * loss; // → 0.1308
 */
export function binaryDistillationLoss(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  options: DistillationOptions = {},
): tf.Scalar {
  const temperature = checkTemperature(options.temperature ?? 1, "binaryDistillationLoss");
  checkSameShape(studentLogits, teacherLogits, "binaryDistillationLoss");
  return tf.tidy(() => {
    const width = studentLogits.rank < 2 ? 1 : (studentLogits.shape[studentLogits.rank - 1] as number);
    const s = tf.reshape(studentLogits, [-1, width]) as tf.Tensor2D;
    const t = tf.reshape(teacherLogits, [-1, width]) as tf.Tensor2D;
    return tf.mean(sigmoidKlPerSample(s, t, temperature)) as tf.Scalar;
  });
}
