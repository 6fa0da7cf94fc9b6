import type { MultiTaskModel } from "../arch/types";
import type { Split } from "../data/types";
import { resolveTasks } from "../tasks/resolve-tasks";
import type { TaskSpec } from "../tasks/types";
import { evaluate } from "../train/evaluate";
import type { TaskValues } from "../train/types";

/** Old tasks' metrics before and after each epoch of training on something new. State: `epochs`, grown by `onEpochEnd`. */
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
 * const monitor = forgettingMonitor(grown, oldData.test, { tasks: oldData.tasks });
 * await train(grown, newData.train, { epochs: 3, onEpochEnd: monitor.onEpochEnd });
 * monitor.epochs.map((metrics) => metrics.left.accuracy); // e.g. [0.95, 0.93, 0.92]
 */
export function forgettingMonitor(model: MultiTaskModel, split: Split, options: { tasks: readonly TaskSpec[]; batchSize?: number }): ForgettingMonitor {
  const tasks = resolveTasks(options.tasks);
  const measure = (): Record<string, TaskValues> => evaluate(model, split, { tasks, batchSize: options.batchSize ?? 512 }).metrics;
  const monitor: ForgettingMonitor = {
    before: measure(),
    epochs: [],
    onEpochEnd: () => {
      monitor.epochs.push(measure());
    },
  };
  return monitor;
}
