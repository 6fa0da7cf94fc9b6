import type * as tf from "@tensorflow/tfjs-core";
import { knownNames, mtlError } from "../errors";
import type { ResolvedTask } from "./types";
import { singleUnitClassification } from "./single-unit-classification";
import { warnIfProbabilities } from "./warn-if-probabilities";

/**
 * Checks a model's raw outputs against the tasks: one output per task (missing-output), of shape
 * [batch, W] with W the task's output width (class-count-mismatch for classification and
 * multilabel heads, single-unit-classification for a one-unit classification head,
 * output-width-mismatch otherwise). A classification head whose outputs already look like
 * probabilities gets a one-time warning (see warnIfProbabilities).
 *
 * @example
 * const tasks = resolveTasks([{ name: "left", kind: "classification", classes: 10 }]);
 * let message = "";
 * try {
 *   validateOutputs(tasks, { left: tf.zeros([8, 5]) });
 * } catch (error) {
 *   message = (error as MtlError).message;
 * }
 * message.startsWith('task "left" has 10 classes but its head outputs 5 values per sample;'); // → true
 */
export function validateOutputs(tasks: readonly ResolvedTask[], outputs: Readonly<Record<string, tf.Tensor>>): void {
  for (const task of tasks) {
    const output = outputs[task.name];
    if (output === undefined) {
      throw mtlError({
        code: "missing-output",
        message: `the model has no output for task "${task.name}" (outputs: ${knownNames(Object.keys(outputs))})`,
        fix: "give every task its own head side by side on the shared trunk, not one after another",
      });
    }
    const width = output.rank === 2 ? output.shape[1] : undefined;
    if (width === task.outputWidth) {
      if (task.kind === "classification") warnIfProbabilities(task.name, output);
      continue;
    }
    if (task.kind === "classification" && width === 1) {
      throw singleUnitClassification(task.name, "its head outputs one value per sample");
    }
    const hasClasses = task.kind === "classification" || task.kind === "multilabel";
    if (hasClasses && width !== undefined) {
      throw mtlError({
        code: "class-count-mismatch",
        message: `task "${task.name}" has ${task.outputWidth} classes but its head outputs ${width} values per sample`,
        fix: `give the head ${task.outputWidth} units, or set classes: ${width}`,
      });
    }
    throw mtlError({
      code: "output-width-mismatch",
      message:
        `task "${task.name}" of kind "${task.kind}" needs outputs of shape [batch, ${task.outputWidth}] ` +
        `but the model gives [${output.shape.join(", ")}]`,
      fix: `give the head ${task.outputWidth} units`,
    });
  }
}
