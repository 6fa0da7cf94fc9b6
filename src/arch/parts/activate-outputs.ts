import { activateOutput } from "../../tasks/activate-output";
import type { TaskSpec } from "../../tasks/types";
import type { NamedTensors } from "../types";

/**
 * Applies each task kind's output activation to a model's raw outputs: softmax (classification),
 * sigmoid (binary, multilabel), identity (regression, bbox, ranking).
 *
 * @example
 * activateOutputs([{ name: "spam", kind: "binary" }], { spam: tf.tensor2d([[0]]) }).spam; // [[0.5]]
 */
export function activateOutputs(tasks: readonly TaskSpec[], raw: NamedTensors): NamedTensors {
  const out: NamedTensors = {};
  for (const task of tasks) out[task.name] = activateOutput(task, raw[task.name] as NamedTensors[string]);
  return out;
}
