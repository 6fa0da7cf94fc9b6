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
 * const os = await import("node:os");
 * const path = await import("node:path");
 * const trunk = () => mlp({ inputShape: [4], hidden: [8], batchNorm: true });
 * const build = (seed) => hardSharing({ trunk: trunk(), tasks: [{ name: "y", kind: "regression" }], seed });
 * const [model, copy] = [build(1), build(2)];
 * const dir = path.join(os.tmpdir(), `mtlkit-example-${process.pid}-${Date.now()}`);
 * await saveModel(model, dir);
 * const checkpoint = loadCheckpoint(dir);
 * restoreModel(copy, checkpoint); // weights and batch-norm running statistics as saved
 * checkpoint.dispose();
 * copy.sharedVariables[0].dataSync()[0] === model.sharedVariables[0].dataSync()[0]; // → true
 */
export function restoreModel(model: MultiTaskModel, checkpoint: Checkpoint): void {
  for (const group of variableGroups(model)) restoreVariables(group.variables, checkpoint, `model/${group.name}`);
  restoreVariables(model.stateVariables ?? [], checkpoint, "model/state");
}
