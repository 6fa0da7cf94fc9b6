import type { MultiTaskModel } from "../arch/types";
import type { Split } from "../data/types";
import { knownNames, mtlError } from "../errors";

/**
 * Throws `missing-input` when `split` lacks an input the model reads, naming the caller (teacherOutputs,
 * teacherHints) so the message says which step needed it.
 *
 * @example
 * const tasks = [{ name: "y", kind: "regression" as const }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [2], hidden: [4] }), tasks, seed: 1 });
 * const split = { size: 1, inputs: {}, targets: {}, masks: {} };
 * let code = "none";
 * try {
 *   checkSplitInputs("teacherOutputs", model, split);
 * } catch (error) {
 *   code = (error as MtlError).code;
 * }
 * code; // → "missing-input"
 * model.dispose();
 */
export function checkSplitInputs(caller: string, model: MultiTaskModel, split: Split): void {
  for (const name of model.inputNames) {
    if (split.inputs[name] === undefined) {
      throw mtlError({
        code: "missing-input",
        message: `${caller}: the model reads input "${name}" but the split has no such input`,
        fix: `give a split with inputs ${knownNames(model.inputNames)}`,
      });
    }
  }
}
