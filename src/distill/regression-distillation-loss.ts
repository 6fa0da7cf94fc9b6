import * as tf from "@tensorflow/tfjs-core";
import { checkSameShape } from "./check-same-shape";

/**
 * The regression counterpart of {@link distillationLoss}: the squared error between the student's
 * and the teacher's predictions, averaged over outputs and batch (a regression output has no
 * temperature; the teacher's prediction is the soft target).
 *
 * @example
 * regressionDistillationLoss(tf.tensor2d([[1], [3]]), tf.tensor2d([[0], [1]])); // → 2.5
 */
export function regressionDistillationLoss(studentOutputs: tf.Tensor, teacherOutputs: tf.Tensor): tf.Scalar {
  checkSameShape(studentOutputs, teacherOutputs, "regressionDistillationLoss");
  return tf.tidy(() => tf.mean(tf.squaredDifference(studentOutputs, teacherOutputs)) as tf.Scalar);
}
