import type { MultiTaskModel } from "../arch/types";
import type { Split } from "../data/types";
import { resolveTasks } from "../tasks/resolve-tasks";
import type { TaskSpec } from "../tasks/types";
import { evaluate } from "./evaluate";
import type { TaskValues } from "./types";

/**
 * Old tasks' metrics before and after each epoch of training on something new. State: `epochs`, grown by `onEpochEnd`.
 */
export interface ForgettingMonitor {
  /** Metrics per old task before the new training started. */
  readonly before: Readonly<Record<string, TaskValues>>;
  /** Metrics per old task after each epoch. */
  readonly epochs: Record<string, TaskValues>[];
  /** The trainer's `onEpochEnd`: evaluates the old tasks on the monitor's split. */
  onEpochEnd(): void;
}

/**
 * Measures forgetting (as in Li & Hoiem 2016, "Learning without Forgetting", §4): evaluates the old
 * tasks on their own held-out split now and after every epoch of the new task's training.
 *
 * @example
 * const task = { name: "a", kind: "classification" as const, classes: 3 };
 * const teacher = hardSharing({ trunk: mlp({ inputShape: [2], hidden: [4] }), tasks: [task], seed: 0 });
 * const data = datasetFromArrays({ tasks: [task], inputs: { x: { values: [1, 2, 3, 4], shape: [2] } },
 *   targets: { a: { values: [0, 2] } }, validation: 0 });
 * const monitor = forgettingMonitor(teacher, data.train, { tasks: [task] });
 * monitor.onEpochEnd();  // pass it to train as onEpochEnd
 * monitor.epochs.length; // → 1
 * teacher.dispose();
 */
export function forgettingMonitor(
  model: MultiTaskModel,
  split: Split,
  options: { tasks: readonly TaskSpec[]; batchSize?: number },
): ForgettingMonitor {
  const tasks = resolveTasks(options.tasks);
  const measure = (): Record<string, TaskValues> =>
    evaluate(model, split, { tasks, batchSize: options.batchSize ?? 512 }).metrics;
  const monitor: ForgettingMonitor = {
    before: measure(),
    epochs: [],
    onEpochEnd: () => {
      monitor.epochs.push(measure());
    },
  };
  return monitor;
}
