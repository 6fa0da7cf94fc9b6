import type * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../../errors";

/**
 * Checks that every id of an input lies in the vocabulary [0, size), throwing id-out-of-range
 * naming the model, the input, the first bad id and the vocabulary size: an embedding lookup past
 * the table would otherwise read zeros on some backends and fail with an internal message on others.
 *
 * @example
 * let code = "";
 * try {
 *   checkIds("twoTower", "user", tf.tensor1d([0, 943], "int32"), 943);
 * } catch (error) {
 *   code = (error as MtlError).code;
 * }
 * code; // → "id-out-of-range"
 */
export function checkIds(model: string, input: string, ids: tf.Tensor, size: number): void {
  const values = ids.dataSync();
  for (let i = 0; i < values.length; i++) {
    const id = values[i] as number;
    if (Number.isInteger(id) && id >= 0 && id < size) continue;
    throw mtlError({
      code: "id-out-of-range",
      message: `${model}: input "${input}" has id ${id} at row ${i}, outside the vocabulary [0, ${size})`,
      fix: `map ${input} ids to 0…${size - 1} (the ids the model was built with), or build it with a larger vocabulary`,
    });
  }
}
