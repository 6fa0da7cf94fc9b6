import { checkLossCount, weightedSum } from "./weighted-sum";
import type { LossWeighting } from "./types";

/**
 * Random loss weighting (Lin et al. 2022, "Reasonable Effectiveness of Random Weighting", §3, RLW with
 * the normal distribution): each step, weights softmax(z) with z_t ~ N(0, 1) drawn from `context.rng`;
 * they sum to 1 (LibMTL's convention).
 *
 * @example
 * rlw().weightsFor!(new Float64Array([1, 1]), defaultContext(2)); // two positive weights summing to 1
 */
export function rlw(): LossWeighting {
  const weightsFor: NonNullable<LossWeighting["weightsFor"]> = (losses, context) => {
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
    variables: [],
    weightsFor,
    combine(losses, context) {
      const weights = weightsFor(new Float64Array(losses.length), context);
      return { total: weightedSum(losses, weights), weights };
    },
  };
}
