import * as tf from "@tensorflow/tfjs-core";
import { checkSplitInputs } from "./check-split-inputs";
import type { MultiTaskModel } from "../arch/types";
import type { Column, Split } from "../data/types";
import { mtlError } from "../errors";

/**
 * A teacher's shared representation on every sample of a split, flattened to one float32 row per
 * sample: the hint targets of FitNets (Romero et al. 2015, §2.2). Give them to a regression task of
 * that width added to the student with `addTask` — its head is FitNets' learned projection r, and its
 * mse loss is the hint loss ½‖u_h − r(v_g)‖² up to the factor 2/D (see `hintLoss`).
 *
 * @example
 * const task = { name: "a", kind: "classification" as const, classes: 3 };
 * const teacher = hardSharing({ trunk: mlp({ inputShape: [2], hidden: [6] }), tasks: [task], seed: 0 });
 * const data = datasetFromArrays({ tasks: [task], inputs: { x: { values: [1, 2, 3, 4], shape: [2] } },
 *   targets: { a: { values: [0, 2] } }, validation: 0 });
 * teacherHints(teacher, data.train).shape; // → [6]
 * teacher.dispose();
 */
export function teacherHints(model: MultiTaskModel, split: Split, options: { batchSize?: number } = {}): Column {
  const representation = model.representation;
  if (representation === undefined) {
    throw mtlError({
      code: "fusion-needs-representation",
      message: `teacherHints: model "${model.name}" has no shared representation`,
      fix: "take hints from a model with representation (hardSharing, mmoe, …)",
    });
  }
  checkSplitInputs("teacherHints", model, split);
  const batchSize = options.batchSize ?? 256;
  let values = new Float32Array(0);
  let width = 0;
  for (let start = 0; start < split.size; start += batchSize) {
    const count = Math.min(batchSize, split.size - start);
    tf.tidy(() => {
      const inputs = Object.fromEntries(
        model.inputNames.map((name) => {
          const column = split.inputs[name] as Column;
          const size = column.shape.reduce((a, b) => a * b, 1);
          return [
            name,
            tf.tensor(
              column.values.subarray(start * size, (start + count) * size),
              [count, ...column.shape],
              column.dtype,
            ),
          ];
        }),
      );
      const z = representation(inputs, { training: false });
      if (width === 0) {
        width = z.size / count;
        values = new Float32Array(split.size * width);
      }
      values.set(z.dataSync() as Float32Array, start * width);
    });
  }
  return { values, shape: [width], dtype: "float32" };
}
