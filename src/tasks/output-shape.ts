import type { TaskSpec } from "./types";

/**
 * Width of a task's raw output per sample: the class count for classification and multilabel,
 * 1 for binary, 4 for bbox, `size` (default 1) for regression, ranking and mask (its pixel count),
 * 2·`size` for retrieval (a query and a candidate embedding of width `size`, side by side).
 *
 * @example
 * outputWidth({ name: "digit", kind: "classification", classes: 10 }); // → 10
 */
export function outputWidth(task: TaskSpec): number {
  switch (task.kind) {
    case "classification":
    case "multilabel":
      return task.classes ?? 0;
    case "binary":
      return 1;
    case "bbox":
      return 4;
    case "retrieval":
      return 2 * (task.size ?? 1);
    default:
      return task.size ?? 1;
  }
}

/**
 * Shape of one sample's target: [] for a class index, a binary label or a candidate id, [L] for multilabel,
 * [4] for a box, [] or [size] for regression, [size] for ranking and for a mask (H·W pixels, flat).
 *
 * @example
 * targetShape({ name: "box", kind: "bbox" }); // → [4]
 */
export function targetShape(task: TaskSpec): number[] {
  switch (task.kind) {
    case "classification":
    case "binary":
    case "retrieval":
      return [];
    case "multilabel":
      return [task.classes ?? 0];
    case "bbox":
      return [4];
    case "ranking":
    case "mask":
      return [task.size ?? 1];
    default:
      return (task.size ?? 1) === 1 ? [] : [task.size ?? 1];
  }
}
