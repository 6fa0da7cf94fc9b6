import { mtlError } from "../errors";
import { metricDirection } from "../metrics/metric-direction";
import type { EarlyStoppingOptions, EpochRecord } from "./types";

/** The state of early stopping, plain data so a checkpoint can keep it. */
export interface EarlyStoppingState {
  bestValue: number | null;
  bestEpoch: number;
  wait: number;
}

/** What an epoch meant for early stopping. */
export type EarlyStoppingVerdict = "improved" | "wait" | "stop";

/**
 * Updates early stopping with an epoch's record: the monitored value is the weighted validation
 * loss ("loss", the training loss when there is no validation split) or a validation metric
 * "task.metric", improving when it beats the best by more than `minDelta` in its direction.
 *
 * @example
 * const state = { bestValue: null, bestEpoch: -1, wait: 0 };
 * const record = (epoch, loss) => ({ epoch, train: { losses: {}, total: loss, weights: {} } });
 * updateEarlyStopping(state, { patience: 1 }, record(0, 1.0)); // → "improved"
 * updateEarlyStopping(state, { patience: 1 }, record(1, 1.2)); // → "stop"
 * state.bestEpoch; // → 0
 */
export function updateEarlyStopping(
  state: EarlyStoppingState,
  options: EarlyStoppingOptions,
  record: EpochRecord,
): EarlyStoppingVerdict {
  const monitor = options.monitor ?? "loss";
  const value = monitoredValue(monitor, record);
  const lower = monitor === "loss" || metricDirection(monitor.split(".").pop() ?? monitor) === "lower";
  const delta = options.minDelta ?? 0;
  const better =
    state.bestValue === null || (lower ? value < state.bestValue - delta : value > state.bestValue + delta);
  if (better) {
    Object.assign(state, { bestValue: value, bestEpoch: record.epoch, wait: 0 });
    return "improved";
  }
  state.wait++;
  return state.wait >= (options.patience ?? 5) ? "stop" : "wait";
}

function monitoredValue(monitor: string, record: EpochRecord): number {
  if (monitor === "loss") return record.validation?.total ?? record.train.total;
  const [task, metric] = monitor.split(".");
  const value = record.validation?.metrics[task ?? ""]?.[metric ?? ""];
  if (value === undefined) {
    throw mtlError({
      code: "unknown-monitor",
      message: `early stopping monitors "${monitor}" but the validation results have no such task metric`,
      fix: `use "loss" or "task.metric" with a metric of that task, and give a validation split`,
    });
  }
  return value;
}
