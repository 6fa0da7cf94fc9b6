import type * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";
import type { Checkpoint } from "./load-checkpoint";

/**
 * Assigns a checkpoint group's tensors to variables by position, after checking the count and
 * every shape (`checkpoint-mismatch` names the group, the position and both shapes).
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/mtlkit-`);
 * const weight = tf.variable(tf.tensor1d([1, 2]));
 * await saveCheckpoint(`${dir}/run`, { description: {}, tensors: { shared: [{ name: "w", tensor: weight }] } });
 * weight.assign(tf.tensor1d([0, 0]));
 * restoreVariables([weight], loadCheckpoint(`${dir}/run`), "shared");
 * weight; // → [1, 2]
 */
export function restoreVariables(variables: readonly tf.Variable[], checkpoint: Checkpoint, group: string): void {
  const saved = checkpoint.tensors[group] ?? [];
  if (saved.length !== variables.length) {
    throw mtlError({
      code: "checkpoint-mismatch",
      message:
        `checkpoint group "${group}" in "${checkpoint.dir}" has ${saved.length} tensors but the model has ` +
        `${variables.length} variables there`,
      fix:
        "build the model with the same architecture, trunk and tasks as the one saved (see the checkpoint's " +
        "description)",
    });
  }
  variables.forEach((v, i) => {
    const tensor = saved[i]?.tensor as tf.Tensor;
    if (tensor.shape.join(",") !== v.shape.join(",")) {
      throw mtlError({
        code: "checkpoint-mismatch",
        message:
          `checkpoint group "${group}" tensor ${i} has shape [${tensor.shape.join(", ")}] but the model's ` +
          `variable has [${v.shape.join(", ")}]`,
        fix:
          "build the model with the same architecture, trunk and tasks as the one saved (see the checkpoint's " +
          "description)",
      });
    }
  });
  variables.forEach((v, i) => v.assign(saved[i]?.tensor as tf.Tensor));
}
