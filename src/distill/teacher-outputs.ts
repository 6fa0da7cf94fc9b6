import * as tf from "@tensorflow/tfjs-core";
import { checkSplitInputs } from "./check-split-inputs";
import type { MultiTaskModel } from "../arch/types";
import type { Column, Split } from "../data/types";
import { knownNames, mtlError } from "../errors";
import { outputWidth } from "../tasks/output-shape";
import type { TaskKind } from "../tasks/types";

/** A teacher's raw outputs (logits for classification, binary, multilabel) for one task on a split. */
export interface TeacherOutputs {
  kind: TaskKind;
  /** float32, one row of the task's output width per sample. */
  column: Column;
}

/**
 * A trained model's raw outputs on every sample of a split, per task, in inference mode — the soft
 * targets of distillation, or (recorded before a new task arrives) of Learning without Forgetting.
 *
 * @example
 * const task = { name: "a", kind: "classification" as const, classes: 3 };
 * const teacher = hardSharing({ trunk: mlp({ inputShape: [2], hidden: [4] }), tasks: [task], seed: 0 });
 * const data = datasetFromArrays({ tasks: [task], inputs: { x: { values: [1, 2, 3, 4], shape: [2] } },
 *   targets: { a: { values: [0, 2] } }, validation: 0 });
 * teacherOutputs(teacher, data.train).a.column.shape; // → [3]
 * teacher.dispose();
 */
export function teacherOutputs(
  model: MultiTaskModel,
  split: Split,
  options: { tasks?: readonly string[]; batchSize?: number } = {},
): Record<string, TeacherOutputs> {
  const names = options.tasks ?? model.tasks.map((task) => task.name);
  const specs = names.map((name) => {
    const spec = model.tasks.find((task) => task.name === name);
    if (spec === undefined) {
      throw mtlError({
        code: "unknown-task",
        message: `teacherOutputs asks for task "${name}" but the model has no such task`,
        fix: `use one of ${knownNames(model.tasks.map((task) => task.name))}`,
      });
    }
    return spec;
  });
  checkSplitInputs("teacherOutputs", model, split);
  const batchSize = options.batchSize ?? 256;
  const columns = specs.map((spec) => new Float32Array(split.size * outputWidth(spec)));
  for (let start = 0; start < split.size; start += batchSize) {
    const count = Math.min(batchSize, split.size - start);
    tf.tidy(() => {
      const inputs = Object.fromEntries(
        model.inputNames.map((name) => [name, rows(split.inputs[name] as Column, start, count)]),
      );
      const raw = model.forward(inputs, { training: false });
      specs.forEach((spec, t) =>
        columns[t]?.set((raw[spec.name] as tf.Tensor).dataSync() as Float32Array, start * outputWidth(spec)),
      );
    });
  }
  return Object.fromEntries(
    specs.map((spec, t) => [
      spec.name,
      {
        kind: spec.kind,
        column: { values: columns[t] as Float32Array, shape: [outputWidth(spec)], dtype: "float32" as const },
      },
    ]),
  );
}

function rows(column: Column, start: number, count: number): tf.Tensor {
  const width = column.shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    column.values.subarray(start * width, (start + count) * width),
    [count, ...column.shape],
    column.dtype,
  );
}
