import type * as tf from "@tensorflow/tfjs-core";
import type { MultiTaskModel } from "./types";

/** How many scalar parameters a model has: shared, per task, and in total. */
export interface ParameterCounts {
  shared: number;
  tasks: Record<string, number>;
  total: number;
}

/**
 * Counts a model's parameters from its shared and per-task variables — a resource metric to
 * report next to accuracy (hard sharing with T tasks costs one trunk, T single-task models T trunks).
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * countParameters(model); // → { shared: 40, tasks: { a: 18, b: 9 }, total: 67 }
 * model.dispose();
 */
export function countParameters(model: MultiTaskModel): ParameterCounts {
  const size = (variables: readonly tf.Variable[]): number => variables.reduce((sum, v) => sum + v.size, 0);
  const shared = size(model.sharedVariables);
  const tasks: Record<string, number> = {};
  for (const [name, variables] of Object.entries(model.taskVariables)) tasks[name] = size(variables);
  const total = shared + Object.values(tasks).reduce((a, b) => a + b, 0);
  return { shared, tasks, total };
}
