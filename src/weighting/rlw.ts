import { checkLossCount, weightedSum } from "./weighted-sum";
import type { LossWeighting, WeightingContext } from "./types";

/**
 * Random loss weighting (Lin et al. 2022, "Reasonable Effectiveness of Random Weighting", §3, RLW with
 * the normal distribution): each step, weights softmax(z) with z_t ~ N(0, 1) drawn from `context.rng`;
 * they sum to 1 (LibMTL's convention).
 *
 * @example
 * lossWeights(rlw(), [1, 1]); // two positive weights summing to 1, drawn from the context's rng
 */
export function rlw(): LossWeighting {
  const weightsFor: (losses: Float64Array, context: WeightingContext) => Float64Array = (losses, context) => {
    checkLossCount("rlw", 0, losses.length);
    const z = losses.map(() => context.rng.normal());
    const top = Math.max(...z);
    const exps = z.map((value) => Math.exp(value - top));
    const total = exps.reduce((sum, x) => sum + x, 0);
    return exps.map((value) => value / total);
  };
  return {
    kind: "loss",
    name: "rlw",
    weightsFor,
    combine(losses, context) {
      const weights = weightsFor(new Float64Array(losses.length), context);
      return { total: weightedSum(losses, weights), weights };
    },
  };
}
