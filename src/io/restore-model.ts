import type { MultiTaskModel } from "../arch/types";
import { variableGroups } from "../arch/variable-groups";
import type { Checkpoint } from "./load-checkpoint";
import { restoreVariables } from "./restore-variables";

/**
 * Puts a checkpoint's model tensors into a model built the same way: every variable group
 * ("model/shared", "model/<task>") and the non-trainable state ("model/state": batch-norm running
 * statistics), each checked by count and shape (`checkpoint-mismatch`).
 *
 * @example
 * restoreModel(model, loadCheckpoint("runs/a")); // weights and running statistics as saved
 */
export function restoreModel(model: MultiTaskModel, checkpoint: Checkpoint): void {
  for (const group of variableGroups(model)) restoreVariables(group.variables, checkpoint, `model/${group.name}`);
  restoreVariables(model.stateVariables ?? [], checkpoint, "model/state");
}
