import { mtlError } from "../../errors";
import { resolveTasks } from "../../tasks/resolve-tasks";
import type { TaskSpec } from "../../tasks/types";

/**
 * Checks the task list an architecture is built for: at least `minimum` tasks, then the tasks
 * module's own validation (unique names, kinds, class counts).
 *
 * @example
 * let code;
 * try {
 *   checkTasks([{ name: "a", kind: "binary" }, { name: "a", kind: "binary" }], "mmoe");
 * } catch (error) {
 *   code = error.code;
 * }
 * code; // → "duplicate-task"
 */
export function checkTasks(tasks: readonly TaskSpec[], architecture: string, minimum = 1): void {
  if (tasks.length < minimum) {
    throw mtlError({
      code: "too-few-tasks",
      message: `${architecture} needs at least ${minimum} task(s) but got ${tasks.length}`,
      fix: "pass the dataset's tasks, e.g. tasks: data.tasks",
    });
  }
  resolveTasks(tasks);
}
