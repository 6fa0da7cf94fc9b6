import { createRng } from "../backend/random";
import { knownNames, mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import type { Column, Dataset, Split } from "./types";

/** Per-sample values stored flat, sample after sample, and the shape of one sample ([] for scalars). */
export interface ArrayColumn {
  values: Float32Array | Int32Array | readonly number[];
  shape?: readonly number[];
}

/** Options of {@link datasetFromArrays}. */
export interface DatasetFromArraysOptions {
  /** The tasks; each needs a target of the same name. */
  tasks: readonly TaskSpec[];
  /** Inputs keyed by name, e.g. `{ x: { values, shape: [8] } }`. */
  inputs: Readonly<Record<string, ArrayColumn>>;
  /** One target per task, keyed by task name. Classification targets are class indices. */
  targets: Readonly<Record<string, ArrayColumn>>;
  /** Share of samples held out for validation. Default 0.2. */
  validation?: number;
  /** Share of samples held out for test. Default 0. */
  test?: number;
  /** Fixes which samples land in which split. Default 0. */
  seed?: number;
  name?: string;
}

function toColumn(label: string, column: ArrayColumn, dtype: "float32" | "int32"): Column {
  const values =
    column.values instanceof Float32Array || column.values instanceof Int32Array
      ? column.values
      : dtype === "int32"
        ? Int32Array.from(column.values)
        : Float32Array.from(column.values);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i] as number)) {
      throw mtlError({
        code: "non-finite-data",
        message: `${label} has ${values[i]} at flat index ${i}`,
        fix: "remove or impute non-finite values before training",
      });
    }
  }
  return { values, shape: [...(column.shape ?? [])], dtype: values instanceof Int32Array ? "int32" : "float32" };
}

/**
 * Class indices must be whole numbers: Int32Array.from would truncate 0.7 to 0 and −0.7 to 0 without a
 * word (seed 001 codes 4–5 draw their "labels" from N(0, 1)).
 */
function checkClassIndices(task: string, values: ArrayColumn["values"]): void {
  if (values instanceof Int32Array) return;
  const at = Array.prototype.findIndex.call(values, (value: number) => !Number.isInteger(value)) as number;
  if (at < 0) return;
  throw mtlError({
    code: "target-dtype-mismatch",
    message:
      `task "${task}" has kind "classification" and needs whole class indices ` +
      `but its target has ${values[at]} at sample ${at}`,
    fix: 'give class indices 0..classes−1; for a continuous target use kind "regression"',
  });
}

function sampleCount(label: string, column: Column): number {
  const width = column.shape.reduce((product, size) => product * size, 1);
  if (column.values.length % width !== 0) {
    throw mtlError({
      code: "column-length-mismatch",
      message:
        `${label} has ${column.values.length} values, ` +
        `not a multiple of its sample shape [${column.shape.join(", ")}]`,
      fix: "check the shape option",
    });
  }
  return column.values.length / width;
}

function take(column: Column, order: Int32Array): Column {
  const width = column.shape.reduce((product, size) => product * size, 1);
  const values =
    column.dtype === "int32" ? new Int32Array(order.length * width) : new Float32Array(order.length * width);
  order.forEach((sample, row) => values.set(column.values.subarray(sample * width, (sample + 1) * width), row * width));
  return { ...column, values };
}

function splitOf(inputs: Record<string, Column>, targets: Record<string, Column>, order: Int32Array): Split {
  const pick = (columns: Record<string, Column>) =>
    Object.fromEntries(Object.entries(columns).map(([name, column]) => [name, take(column, order)]));
  return { size: order.length, inputs: pick(inputs), targets: pick(targets) };
}

/**
 * Turns plain arrays into a {@link Dataset} with seeded train / validation / test splits, so your
 * own data goes through the same trainer as the built-in loaders. Classification targets become
 * int32, others float32; every column must hold the same number of samples.
 *
 * @example
 * const data = datasetFromArrays({
 *   tasks: [{ name: "amount", kind: "regression" }, { name: "positive", kind: "binary" }],
 *   inputs: { x: { values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], shape: [2] } },
 *   targets: { amount: { values: [1, 2, 3] }, positive: { values: [1, 0, 1] } },
 *   validation: 1 / 3,
 * });
 * data.train.size; // → 2
 * data.validation.size; // → 1
 */
export function datasetFromArrays(options: DatasetFromArraysOptions): Dataset {
  const { tasks, validation = 0.2, test = 0, seed = 0, name = "arrays" } = options;
  if (!(validation >= 0 && test >= 0 && validation + test < 1)) {
    throw mtlError({
      code: "bad-option",
      message: `validation (${validation}) and test (${test}) shares must be ≥ 0 and sum to less than 1`,
      fix: "pass shares such as validation: 0.2, test: 0.1",
    });
  }
  const taskNames = tasks.map((task) => task.name);
  for (const target of Object.keys(options.targets)) {
    if (!taskNames.includes(target))
      throw mtlError({
        code: "unknown-task",
        message: `target "${target}" matches no task`,
        fix: `name targets after the tasks: ${knownNames(taskNames)}`,
      });
  }
  const targets: Record<string, Column> = {};
  for (const task of tasks) {
    const column = options.targets[task.name];
    if (!column)
      throw mtlError({
        code: "missing-target",
        message: `task "${task.name}" has no target array`,
        fix: `add targets.${task.name}`,
      });
    if (task.kind === "classification") checkClassIndices(task.name, column.values);
    targets[task.name] = toColumn(
      `target "${task.name}"`,
      column,
      task.kind === "classification" ? "int32" : "float32",
    );
  }
  const inputs = Object.fromEntries(
    Object.entries(options.inputs).map(([key, column]) => [
      key,
      toColumn(`input "${key}"`, column, column.values instanceof Int32Array ? "int32" : "float32"),
    ]),
  );
  const counts = [
    ...Object.entries(inputs).map(
      ([key, column]) => [`input "${key}"`, sampleCount(`input "${key}"`, column)] as const,
    ),
    ...Object.entries(targets).map(
      ([key, column]) => [`target "${key}"`, sampleCount(`target "${key}"`, column)] as const,
    ),
  ];
  const [firstLabel, size] = counts[0] ?? ["", 0];
  const mismatch = counts.find(([, count]) => count !== size);
  if (size === 0 || mismatch) {
    throw mtlError({
      code: "column-length-mismatch",
      message: mismatch ? `${firstLabel} has ${size} samples but ${mismatch[0]} has ${mismatch[1]}` : "no samples",
      fix: "give every input and target one entry per sample",
    });
  }
  const order = createRng(seed).permutation(size);
  const validationCount = Math.round(size * validation);
  const testCount = Math.round(size * test);
  const trainOrder = order.subarray(validationCount + testCount);
  return {
    name,
    tasks: tasks.map((task) => ({ ...task })),
    train: splitOf(inputs, targets, trainOrder),
    validation: splitOf(inputs, targets, order.subarray(0, validationCount)),
    test: splitOf(inputs, targets, order.subarray(validationCount, validationCount + testCount)),
    seed,
    source: `${size} samples from arrays, split ${trainOrder.length}/${validationCount}/${testCount} with seed ${seed}`,
  };
}
