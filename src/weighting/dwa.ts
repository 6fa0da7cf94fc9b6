import { checkLossCount, weightedSum } from "./weighted-sum";
import type { LossWeighting } from "./types";

/** Options for {@link dwa}. */
export interface DwaOptions {
  /** Softmax temperature. Default 2 (paper). */
  temperature?: number;
}

/** DWA's explicit state: the mean training losses of the last two epochs, recorded by `endEpoch`. */
export type DwaState = {
  previous: Float64Array | undefined;
  beforePrevious: Float64Array | undefined;
};

/**
 * Dynamic Weight Average (Liu et al. 2019, "End-to-End Multi-Task Learning with Attention", eq. 1):
 * w_t = T · softmax(r/τ)_t with r_t = L_t(e−1)/L_t(e−2) the ratio of the last two epochs' mean losses;
 * weights 1 until two epochs have ended. Weights sum to T (paper, LibMTL).
 *
 * @example
 * const method = dwa(); method.endEpoch!(0, new Float64Array([1, 1])); method.endEpoch!(1, new Float64Array([1, 0.5]));
 * lossWeights(method, [1, 1]); // → [1.1244, 0.8756]
 */
export function dwa(options: DwaOptions = {}): LossWeighting & { readonly state: DwaState } {
  const temperature = options.temperature ?? 2;
  const state: DwaState = { previous: undefined, beforePrevious: undefined };
  const weightsFor = (losses: Float64Array) => {
    checkLossCount("dwa", 0, losses.length);
    const n = losses.length;
    const { previous, beforePrevious } = state;
    if (!previous || !beforePrevious || previous.length !== n) return new Float64Array(n).fill(1);
    const scores = previous.map((value, t) => value / (beforePrevious[t] as number) / temperature);
    const top = Math.max(...scores);
    const exps = scores.map((value) => Math.exp(value - top));
    const total = exps.reduce((sum, x) => sum + x, 0);
    return exps.map((value) => (n * value) / total);
  };
  return {
    kind: "loss",
    name: "dwa",
    weightsFor,
    state,
    combine(losses) {
      const weights = weightsFor(new Float64Array(losses.length));
      return { total: weightedSum(losses, weights), weights };
    },
    endEpoch(_epoch, meanLosses) {
      state.beforePrevious = state.previous;
      state.previous = Float64Array.from(meanLosses);
    },
  };
}
