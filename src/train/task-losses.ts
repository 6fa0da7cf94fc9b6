import type * as tf from "@tensorflow/tfjs-core";
import type { NamedTensors } from "../arch/types";
import { taskLoss } from "../tasks/task-loss";
import type { ResolvedTask } from "../tasks/types";
import type { Batch } from "./make-batch";

/**
 * Every task's masked-mean loss on a batch, from the model's raw outputs, in task order.
 *
 * @example
 * const losses = taskLosses(model.forward(batch.inputs, { training: true }), tasks, batch);
 */
export function taskLosses(outputs: NamedTensors, tasks: readonly ResolvedTask[], batch: Batch): tf.Scalar[] {
  return tasks.map((task) =>
    taskLoss(task, outputs[task.name] as tf.Tensor, batch.targets[task.name] as tf.Tensor, batch.masks[task.name]),
  );
}
