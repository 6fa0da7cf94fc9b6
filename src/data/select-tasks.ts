import type { TaskSpec } from "../tasks/types";
import { knownNames, mtlError } from "../errors";

/**
 * Picks the requested tasks out of a dataset's tasks (all of them when `requested` is omitted),
 * failing with code `unknown-task` on a name the dataset does not have.
 *
 * @example
 * const tasks: TaskSpec[] = [
 *   { name: "left", kind: "classification", classes: 10 },
 *   { name: "right", kind: "regression" },
 * ];
 * selectTasks("multimnist", tasks, ["right"]).map((task) => task.name); // → ["right"]
 */
export function selectTasks(
  dataset: string,
  available: readonly TaskSpec[],
  requested?: readonly string[],
): TaskSpec[] {
  if (requested === undefined) return [...available];
  const names = available.map((task) => task.name);
  if (requested.length === 0) {
    throw mtlError({
      code: "no-tasks",
      message: `dataset "${dataset}" was asked for an empty list of tasks`,
      fix: `ask for some of ${knownNames(names)} or omit "tasks"`,
    });
  }
  return requested.map((name) => {
    const task = available.find((candidate) => candidate.name === name);
    if (!task) {
      throw mtlError({
        code: "unknown-task",
        message: `dataset "${dataset}" has no task "${name}"`,
        fix: `use one of ${knownNames(names)}`,
      });
    }
    return task;
  });
}
