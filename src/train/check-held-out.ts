import type { Split } from "../data/types";
import { mtlError } from "../errors";

/**
 * Refuses a validation or test split that is the training split itself — the same object, or inputs
 * that are the very same arrays — because its scores then measure memorisation, not generalisation
 * (seed 004 §4–§6 evaluate on `train_loader`). Splits built apart (`datasetFromArrays`, the loaders)
 * never share arrays; overlapping samples in different arrays are not looked for.
 *
 * @example
 * const data = datasetFromArrays({
 *   tasks: [{ name: "y", kind: "regression" }],
 *   inputs: { x: { values: [0, 1, 2, 3, 4, 5] } },
 *   targets: { y: { values: [0, 1, 2, 3, 4, 5] } },
 *   validation: 1 / 3,
 * });
 * checkHeldOut(data.train, { validation: data.validation }); // held out: returns quietly
 * let code = "";
 * try {
 *   checkHeldOut(data.train, { test: data.train });
 * } catch (error) {
 *   code = (error as MtlError).code;
 * }
 * code; // → "evaluation-on-training-data"
 */
export function checkHeldOut(train: Split, held: { validation?: Split; test?: Split }): void {
  for (const [name, split] of Object.entries(held)) {
    if (split === undefined || !sameSamples(train, split)) continue;
    throw mtlError({
      code: "evaluation-on-training-data",
      message:
        `the ${name} split is the training split itself, so its scores measure how well the model ` +
        "memorised its training samples, not how it does on new ones",
      fix:
        `hold samples out (datasetFromArrays({ …, ${name}: 0.2 }) or a loader's ${name} split); ` +
        "the training loss is in history.epochs[e].train already",
    });
  }
}

function sameSamples(train: Split, other: Split): boolean {
  if (other === train) return true;
  const names = Object.keys(train.inputs);
  return names.length > 0 && names.every((name) => other.inputs[name]?.values === train.inputs[name]?.values);
}
