import type * as tf from "@tensorflow/tfjs-core";
import type { NamedTensors } from "../arch/types";
import { taskLoss } from "../tasks/task-loss";
import type { ResolvedTask } from "../tasks/types";
import type { Batch } from "./make-batch";

/**
 * Every task's masked-mean loss on a batch, from the model's raw outputs, in task order.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const run = prepareRun(model, data, { epochs: 1 });
 * const batch = makeBatch(run.train, [0, 1, 2], model.inputNames, run.tasks);
 * const losses = taskLosses(model.forward(batch.inputs, { training: true }), run.tasks, batch);
 * losses.length; // → 2
 * disposeBatch(batch);
 * model.dispose();
 */
export function taskLosses(outputs: NamedTensors, tasks: readonly ResolvedTask[], batch: Batch): tf.Scalar[] {
  return tasks.map((task) =>
    taskLoss(task, outputs[task.name] as tf.Tensor, batch.targets[task.name] as tf.Tensor, batch.masks[task.name]),
  );
}
