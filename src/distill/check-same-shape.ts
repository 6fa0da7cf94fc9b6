import type * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";

/**
 * Throws `teacher-shape-mismatch` unless student and teacher outputs have the same shape.
 *
 * @example
 * checkSameShape(tf.zeros([2, 3]), tf.zeros([2, 3]), "distillationLoss"); // passes
 */
export function checkSameShape(student: tf.Tensor, teacher: tf.Tensor, where: string): void {
  if (student.shape.join(",") !== teacher.shape.join(",")) {
    throw mtlError({
      code: "teacher-shape-mismatch",
      message:
        `${where}: the student's outputs have shape [${student.shape.join(", ")}] but the teacher's have ` +
        `[${teacher.shape.join(", ")}]`,
      fix:
        "give the teacher's raw outputs for the same samples and the same task (one row per sample, one column " +
        "per class)",
    });
  }
}
