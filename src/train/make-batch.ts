import * as tf from "@tensorflow/tfjs-core";
import type { NamedTensors } from "../arch/types";
import type { Column, Split } from "../data/types";
import type { ResolvedTask } from "../tasks/types";

/** One batch as tensors: inputs by name, targets and label masks by task name. */
export interface Batch {
  size: number;
  inputs: NamedTensors;
  targets: NamedTensors;
  /** float32 [B] 0/1 masks, only for tasks whose split has a mask. */
  masks: NamedTensors;
}

/**
 * Gathers the samples at `indices` into tensors. Targets of samples whose mask is 0 are replaced
 * by 0, so a NaN placeholder for a missing label cannot leak into the loss or its gradient.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const batch = makeBatch(data.train, Int32Array.from([3, 0, 2]), ["x"], tasks);
 * batch.inputs.x.shape; // → [3, 4]
 * batch.targets.a.dtype; // → "int32"
 * disposeBatch(batch);
 * model.dispose();
 */
export function makeBatch(
  split: Split,
  indices: ArrayLike<number>,
  inputNames: readonly string[],
  tasks: readonly ResolvedTask[],
): Batch {
  const inputs: NamedTensors = {};
  const targets: NamedTensors = {};
  const masks: NamedTensors = {};
  for (const name of inputNames) inputs[name] = gather(split.inputs[name] as Column, indices);
  for (const task of tasks) {
    const mask = split.masks?.[task.name];
    const maskValues = mask === undefined ? undefined : Float32Array.from(indices, (i) => (mask[i] ? 1 : 0));
    targets[task.name] = gather(split.targets[task.name] as Column, indices, maskValues, task.targetDtype);
    if (maskValues !== undefined) masks[task.name] = tf.tensor1d(maskValues, "float32");
  }
  return { size: indices.length, inputs, targets, masks };
}

function gather(column: Column, indices: ArrayLike<number>, mask?: Float32Array, dtype = column.dtype): tf.Tensor {
  const width = column.shape.reduce((a, b) => a * b, 1);
  const values = dtype === "int32" ? new Int32Array(indices.length * width) : new Float32Array(indices.length * width);
  for (let k = 0; k < indices.length; k++) {
    const row = indices[k] as number;
    if (mask !== undefined && mask[k] === 0) continue;
    values.set(column.values.subarray(row * width, (row + 1) * width), k * width);
  }
  return tf.tensor(values, [indices.length, ...column.shape], dtype);
}

/**
 * Frees a batch's tensors.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const before = tf.memory().numTensors;
 * disposeBatch(makeBatch(data.train, [0, 1], ["x"], tasks));
 * tf.memory().numTensors - before; // → 0
 * model.dispose();
 */
export function disposeBatch(batch: Batch): void {
  tf.dispose([...Object.values(batch.inputs), ...Object.values(batch.targets), ...Object.values(batch.masks)]);
}
