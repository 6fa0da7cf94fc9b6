import type * as tf from "@tensorflow/tfjs-core";
import type { MultiTaskModel } from "./types";

/** A named set of variables: "shared", or one task's name. */
export interface VariableGroup {
  name: string;
  variables: readonly tf.Variable[];
}

/**
 * A model's variables in a fixed order — "shared" first, then each task in the model's task order —
 * so optimizers, per-group learning rates and checkpoints can address them by position, independent
 * of tfjs's auto-generated variable names (which differ between two builds of the same model).
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * variableGroups(model).map((group) => group.name); // → ["shared", "a", "b"]
 * model.dispose();
 */
export function variableGroups(model: MultiTaskModel): VariableGroup[] {
  const groups: VariableGroup[] = [{ name: "shared", variables: model.sharedVariables }];
  for (const task of model.tasks) groups.push({ name: task.name, variables: model.taskVariables[task.name] ?? [] });
  return groups;
}
