// Task lists the architecture tests share.
import type { TaskSpec } from "../../../src/tasks/types";

/** Three tasks of different kinds and widths, so mixing them up shows in the shapes. */
export const threeTasks: TaskSpec[] = [
  { name: "a", kind: "classification", classes: 3 },
  { name: "b", kind: "regression", size: 2 },
  { name: "c", kind: "binary" },
];

export const twoTasks: TaskSpec[] = [
  { name: "left", kind: "regression" },
  { name: "right", kind: "regression" },
];
