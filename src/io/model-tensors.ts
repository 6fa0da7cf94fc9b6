import type { MultiTaskModel } from "../arch/types";
import { variableGroups } from "../arch/variable-groups";
import type { NamedTensor } from "./tensor-records";

/** The checkpoint group of a model's non-trainable state. */
const stateGroup = "model/state";

/**
 * A model's variables as checkpoint groups "model/shared", "model/<task>", in the fixed order of
 * `variableGroups`, then its non-trainable state (batch-norm running statistics) as "model/state"
 * when it has any (the tensors are the live variables; saving reads them).
 *
 * @example
 * const tasks = [{ name: "left", kind: "binary" as const }, { name: "right", kind: "binary" as const }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * Object.keys(modelTensors(model)); // → ["model/shared", "model/left", "model/right"]
 * model.dispose();
 */
export function modelTensors(model: MultiTaskModel): Record<string, NamedTensor[]> {
  const groups: Record<string, NamedTensor[]> = {};
  for (const group of variableGroups(model)) {
    groups[`model/${group.name}`] = group.variables.map((v) => ({ name: v.name, tensor: v }));
  }
  const state = model.stateVariables ?? [];
  if (state.length > 0) groups[stateGroup] = state.map((v) => ({ name: v.name, tensor: v }));
  return groups;
}
