import type { MultiTaskModel } from "../arch/types";
import { variableGroups } from "../arch/variable-groups";
import type { NamedTensor } from "./tensor-records";

/**
 * A model's variables as checkpoint groups "model/shared", "model/<task>", in the fixed order of
 * `variableGroups` (the tensors are the live variables; saving reads them).
 *
 * @example
 * Object.keys(modelTensors(model)); // ["model/shared", "model/left", "model/right"]
 */
export function modelTensors(model: MultiTaskModel): Record<string, NamedTensor[]> {
  const groups: Record<string, NamedTensor[]> = {};
  for (const group of variableGroups(model)) {
    groups[`model/${group.name}`] = group.variables.map((v) => ({ name: v.name, tensor: v }));
  }
  return groups;
}
