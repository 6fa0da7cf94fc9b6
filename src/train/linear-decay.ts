import { mtlError } from "../errors";
import type { LearningRateSchedule } from "./types";

/** Options of {@link linearDecay}. */
export interface LinearDecayOptions {
  /** Steps of linear warm-up from 0 to the full rate. Default 0. */
  warmupSteps?: number;
  /** The factor reached at the last step, as a fraction of the full rate. Default 0. */
  final?: number;
}

/**
 * A learning-rate schedule for `train`'s `learningRateSchedule`: an optional linear warm-up, then
 * a straight line from the full rate (factor 1) down to `final` at the last step — the
 * "linear decay to zero" that makes short training budgets go further than a constant rate.
 *
 * @example
 * const schedule = linearDecay({ final: 0.1 });
 * [schedule(0, 100), schedule(50, 100), schedule(99, 100)]; // [1, 0.5454…, 0.1]
 */
export function linearDecay(options: LinearDecayOptions = {}): LearningRateSchedule {
  const warmup = options.warmupSteps ?? 0;
  const final = options.final ?? 0;
  if (!Number.isInteger(warmup) || warmup < 0 || !(final >= 0 && final <= 1)) {
    throw mtlError({
      code: "bad-option",
      message:
        "linearDecay needs a whole warmupSteps ≥ 0 " +
        "and final in [0, 1]; " +
        `got warmupSteps ${warmup}, final ${final}`,
      fix: "use e.g. linearDecay({ warmupSteps: 100, final: 0 })",
    });
  }
  return (step, totalSteps) => {
    if (step < warmup) return (step + 1) / warmup;
    const span = Math.max(1, totalSteps - 1 - warmup);
    const done = Math.min(1, (step - warmup) / span);
    return 1 - (1 - final) * done;
  };
}
