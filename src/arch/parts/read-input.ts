import * as tf from "@tensorflow/tfjs-core";
import { mtlError, knownNames } from "../../errors";
import type { NamedTensors } from "../types";

/**
 * The batch's input named `name`, checked against the per-sample shape the model was built for.
 *
 * @example
 * readInput({ x: tf.ones([8, 4]) }, "x", [4]).shape; // → [8, 4]
 */
export function readInput(inputs: NamedTensors, name: string, sampleShape: readonly number[]): tf.Tensor {
  const x = inputs[name];
  if (x === undefined) {
    throw mtlError({
      code: "missing-input",
      message: `the model reads input "${name}" but the batch has ${knownNames(Object.keys(inputs)) || "no inputs"}`,
      fix:
        `name the batch input "${name}", or set the model's inputName to one of ` +
        `${knownNames(Object.keys(inputs)) || "the batch's inputs"}`,
    });
  }
  const found = x.shape.slice(1);
  if (found.length !== sampleShape.length || found.some((size, i) => size !== sampleShape[i])) {
    throw mtlError({
      code: "input-shape-mismatch",
      message:
        `input "${name}" has per-sample shape [${found.join(", ")}] but the model expects ` +
        `[${sampleShape.join(", ")}]`,
      fix: "build the model with inputShape equal to the dataset's input shape",
    });
  }
  return x;
}
