import type { Column, Split } from "../data/types";
import { resolveTasks } from "../tasks/resolve-tasks";
import type { TaskSpec } from "../tasks/types";

/**
 * A split where the given tasks are present but unlabelled (mask 0, target 0 of the right shape):
 * a new task's data for a model that also has old tasks. Training on it moves only the new task's
 * loss; `distillationData` can then give the old tasks their recorded outputs (Learning without Forgetting).
 *
 * @example
 * const split = unlabelledTasks(datasetFromArrays({ tasks: [{ name: "c", kind: "regression" }],
 *   inputs: { x: { values: [1, 2] } }, targets: { c: { values: [0, 1] } }, validation: 0 }).train,
 *   [{ name: "a", kind: "classification", classes: 3 }]);
 * Array.from(split.masks!.a); // → [0, 0]
 */
export function unlabelledTasks(split: Split, tasks: readonly TaskSpec[]): Split {
  const targets: Record<string, Column> = { ...split.targets };
  const masks: Record<string, Uint8Array> = { ...split.masks };
  for (const task of resolveTasks(tasks)) {
    const width = task.targetShape.reduce((a, b) => a * b, 1);
    const values =
      task.targetDtype === "int32" ? new Int32Array(split.size * width) : new Float32Array(split.size * width);
    targets[task.name] = { values, shape: [...task.targetShape], dtype: task.targetDtype };
    masks[task.name] = new Uint8Array(split.size);
  }
  return { ...split, targets, masks };
}
