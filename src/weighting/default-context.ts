import { createRng } from "../backend/random";
import type { WeightingContext } from "./types";

/**
 * A context for using a method outside training: step 0, epoch 0, a generator seeded with 0,
 * tasks named "task0"…, and all losses 1 (so log-loss methods see the raw gradients). Any field can be overridden.
 *
 * @example
 * defaultContext(2).taskNames; // ["task0", "task1"]
 */
export function defaultContext(taskCount: number, overrides: Partial<WeightingContext> = {}): WeightingContext {
  return {
    step: 0,
    epoch: 0,
    rng: createRng(0),
    taskNames: Array.from({ length: taskCount }, (_, t) => `task${t}`),
    losses: new Float64Array(taskCount).fill(1),
    ...overrides,
  };
}
