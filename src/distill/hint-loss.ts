import * as tf from "@tensorflow/tfjs-core";
import { checkSameShape } from "./check-same-shape";

/**
 * FitNets' hint loss (Romero et al. 2015, eq. 3): ½‖u_h − r(v_g)‖², the squared distance between
 * the teacher's hint features u_h and the student's guided features v_g after a learned projection r,
 * averaged over the batch. Pass r(v_g) — e.g. the output of a regression head `addTask`-ed onto the
 * student (whose mse loss is this value times 2/D) — and u_h.
 *
 * @example
 * hintLoss(tf.tensor2d([[1, 2]]), tf.tensor2d([[0, 0]])); // → 2.5
 */
export function hintLoss(projectedStudent: tf.Tensor, teacherHint: tf.Tensor): tf.Scalar {
  checkSameShape(projectedStudent, teacherHint, "hintLoss");
  return tf.tidy(() => {
    const rows = tf.reshape(tf.squaredDifference(projectedStudent, teacherHint), [projectedStudent.shape[0] ?? 1, -1]);
    return tf.mul(0.5, tf.mean(tf.sum(rows, 1))) as tf.Scalar;
  });
}
