import type { ResolvedTask } from "../tasks/types";
import type { Column, Split } from "./types";
import { knownNames, mtlError } from "../errors";

/**
 * Checks that a data split fits the tasks and the model's inputs before any training: every task
 * and input is present (unknown-task, unknown-input), each target has the task's per-sample shape
 * and dtype (target-shape-mismatch, target-dtype-mismatch), columns and masks have one row per
 * sample (column-length-mismatch, mask-length-mismatch), and class indices fit the class count
 * (class-count-mismatch), a mask has H·W pixels per sample (target-shape-mismatch) and a sigmoid box
 * head's boxes lie in [0, 1] (box-out-of-range). Samples whose mask is 0 are not checked.
 *
 * @example
 * const data = datasetFromArrays({
 *   tasks: [{ name: "left", kind: "classification", classes: 2 }],
 *   inputs: { image: { values: [0, 1, 2, 3] } },
 *   targets: { left: { values: [0, 1, 1, 0] } },
 * });
 * validateSplit(resolveTasks(data.tasks), data.train, ["image"]); // fits: returns quietly
 * let code = "";
 * try {
 *   validateSplit(resolveTasks([{ name: "depth", kind: "regression" }]), data.train, ["image"]);
 * } catch (error) {
 *   code = (error as MtlError).code; // task "depth" is not in the data's targets; use one of "left".
 * }
 * code; // → "unknown-task"
 */
export function validateSplit(
  tasks: readonly ResolvedTask[],
  split: Split,
  inputNames: readonly string[],
  splitName = "data",
): void {
  for (const name of inputNames) {
    const column = split.inputs[name];
    if (column === undefined) {
      throw mtlError({
        code: "missing-input",
        message: `the model reads input "${name}" but the ${splitName} has no such input`,
        fix: `set the model's inputName to one of ${knownNames(Object.keys(split.inputs))}`,
      });
    }
    checkLength(`input "${name}"`, column, split.size, splitName);
  }
  for (const task of tasks) checkTarget(task, split, splitName);
}

function checkTarget(task: ResolvedTask, split: Split, splitName: string): void {
  const column = split.targets[task.name];
  if (column === undefined) {
    throw mtlError({
      code: "unknown-task",
      message: `task "${task.name}" is not in the ${splitName}'s targets`,
      fix: `rename the task to one of ${knownNames(Object.keys(split.targets))}, or add a target "${task.name}"`,
    });
  }
  if (!sameShape(task, column.shape)) {
    const oneHot = task.kind === "classification" && column.shape.length > 0;
    throw mtlError({
      code: "target-shape-mismatch",
      message:
        `task "${task.name}" of kind "${task.kind}" needs a target of shape ` +
        `[${task.targetShape.join(", ")}] per sample ` +
        `but the ${splitName} has [${column.shape.join(", ")}]`,
      fix: oneHot
        ? "give class indices (int32, shape []), not one-hot vectors"
        : task.kind === "mask"
          ? `give masks of the images' size (H·W = ${task.size} pixels), or set size to H·W of your masks`
          : `reshape the target or change the task's kind/size`,
    });
  }
  if (task.targetDtype === "int32" && column.dtype !== "int32") {
    throw mtlError({
      code: "target-dtype-mismatch",
      message:
        `task "${task.name}" of kind "${task.kind}" needs int32 class indices ` +
        `but the ${splitName} has ${column.dtype} targets`,
      fix: "store the target as an Int32Array of class indices",
    });
  }
  checkLength(`target "${task.name}"`, column, split.size, splitName);
  const mask = split.masks?.[task.name];
  if (mask !== undefined && mask.length !== split.size) {
    throw mtlError({
      code: "mask-length-mismatch",
      message:
        `the mask of task "${task.name}" has ${mask.length} entries ` +
        `but the ${splitName} has ${split.size} samples`,
      fix: "give one 0/1 entry per sample",
    });
  }
  if (task.kind === "classification" && task.targetDtype === "int32") checkClassRange(task, column, mask, splitName);
  if (task.kind === "bbox" && task.activation === "sigmoid") checkUnitBoxes(task, column, mask, splitName);
}

function checkLength(what: string, column: Column, size: number, splitName: string): void {
  const width = column.shape.reduce((a, b) => a * b, 1);
  if (column.values.length !== width * size) {
    throw mtlError({
      code: "column-length-mismatch",
      message: `${what} has ${column.values.length} values but the ${splitName} has ${size} samples of width ${width}`,
      fix: "give exactly size × width values",
    });
  }
}

function checkClassRange(task: ResolvedTask, column: Column, mask: Uint8Array | undefined, splitName: string): void {
  const classes = task.classes ?? 0;
  for (let i = 0; i < column.values.length; i++) {
    const value = column.values[i] as number;
    if ((mask === undefined || mask[i] !== 0) && !(Number.isInteger(value) && value >= 0 && value < classes)) {
      throw mtlError({
        code: "class-count-mismatch",
        message:
          `task "${task.name}" has ${classes} classes ` +
          `but the ${splitName}'s target of sample ${i} is class ${value}`,
        fix: `set classes to the number of classes in the data, or fix the labels to lie in 0..${classes - 1}`,
      });
    }
  }
}

// A mask may come flat ([H·W]) or as an image ([H, W]); only its pixel count must match.
function sameShape(task: ResolvedTask, shape: readonly number[]): boolean {
  if (task.kind === "mask") return shape.reduce((a, b) => a * b, 1) === task.size;
  return squeezed(shape).join(",") === squeezed(task.targetShape).join(",");
}

function checkUnitBoxes(task: ResolvedTask, column: Column, mask: Uint8Array | undefined, splitName: string): void {
  for (let i = 0; i < column.values.length; i++) {
    const value = column.values[i] as number;
    if ((mask === undefined || mask[Math.floor(i / 4)] !== 0) && !(value >= 0 && value <= 1)) {
      throw mtlError({
        code: "box-out-of-range",
        message:
          `task "${task.name}" has a sigmoid box head (coordinates in [0, 1]) ` +
          `but the ${splitName}'s box of sample ${Math.floor(i / 4)} has coordinate ${value}`,
        fix: 'divide the boxes by the image\'s width and height, or use activation: "identity" for boxes in pixels',
      });
    }
  }
}

function squeezed(shape: readonly number[]): number[] {
  return shape.filter((dim) => dim !== 1);
}
