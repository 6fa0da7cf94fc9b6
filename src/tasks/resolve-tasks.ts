import { knownNames, mtlError } from "../errors";
import { resolveTask } from "./resolve-task";
import type { ResolvedTask, Task } from "./types";

/** Per-task overrides of loss, weight and metrics, keyed by task name. */
export type TaskOverrides = Readonly<Record<string, Partial<Pick<Task, "loss" | "weight" | "metrics" | "activation">>>>;

/**
 * Resolves a list of tasks (see {@link resolveTask}) with optional per-task overrides; throws
 * `duplicate-task` for a repeated name and `unknown-task` for an override naming no task.
 *
 * @example
 * resolveTasks([{ name: "left", kind: "classification", classes: 10 }], { left: { weight: 2 } })[0].weight; // → 2
 */
export function resolveTasks(tasks: readonly Task[], overrides: TaskOverrides = {}): ResolvedTask[] {
  const names = tasks.map((task) => task.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) {
      throw mtlError({
        code: "duplicate-task",
        message: `task "${name}" is declared twice`,
        fix: "give every task a unique name",
      });
    }
  });
  for (const name of Object.keys(overrides)) {
    if (!names.includes(name)) {
      throw mtlError({
        code: "unknown-task",
        message: `options name task "${name}" but the model has no such task`,
        fix: `use one of ${knownNames(names)}`,
      });
    }
  }
  return tasks.map((task) => resolveTask({ ...task, ...overrides[task.name] }));
}
