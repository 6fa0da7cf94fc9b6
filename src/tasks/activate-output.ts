import * as tf from "@tensorflow/tfjs-core";
import type { ResolvedTask, TaskSpec } from "./types";
import { kindDefaults } from "./kind-defaults";

/**
 * Applies the task kind's output activation to raw outputs: softmax for classification, sigmoid
 * for binary, multilabel and mask, identity otherwise — or the task's own `activation` (a sigmoid box head).
 *
 * @example
 * const task = { name: "left", kind: "classification" as const, classes: 2 };
 * activateOutput(task, tf.tensor2d([[0, 0]])); // → [[0.5000, 0.5000]]
 */
export function activateOutput(task: TaskSpec | ResolvedTask, outputs: tf.Tensor): tf.Tensor {
  switch (("activation" in task ? task.activation : undefined) ?? kindDefaults[task.kind].activation) {
    case "softmax":
      return tf.softmax(outputs);
    case "sigmoid":
      return tf.sigmoid(outputs);
    default:
      return tf.clone(outputs);
  }
}
