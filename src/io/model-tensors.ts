import type { MultiTaskModel } from "../arch/types";
import { variableGroups } from "../arch/variable-groups";
import type { NamedTensor } from "./tensor-records";

/**
 * A model's variables as checkpoint groups "model/shared", "model/<task>", in the fixed order of
 * `variableGroups` (the tensors are the live variables; saving reads them).
 *
 * @example
 * const tasks = [{ name: "left", kind: "classification" as const, classes: 3 }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * Object.keys(modelTensors(model)); // → ["model/shared", "model/left"]
 */
export function modelTensors(model: MultiTaskModel): Record<string, NamedTensor[]> {
  const groups: Record<string, NamedTensor[]> = {};
  for (const group of variableGroups(model)) {
    groups[`model/${group.name}`] = group.variables.map((v) => ({ name: v.name, tensor: v }));
  }
  return groups;
}
