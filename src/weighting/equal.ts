import { checkLossCount, weightedSum } from "./weighted-sum";
import type { LossWeighting } from "./types";

/**
 * Equal weighting: the mean of the task losses, weights 1/T (TorchJD's Mean; LibMTL's EW at HEAD
 * sums instead, i.e. weights 1).
 *
 * @example
 * lossWeights(equal(), [2, 4]); // → [0.5, 0.5]
 */
export function equal(): LossWeighting {
  const weightsFor = (losses: Float64Array) => new Float64Array(losses.length).fill(1 / losses.length);
  return {
    kind: "loss",
    name: "equal",
    weightsFor,
    combine(losses) {
      checkLossCount("equal", 0, losses.length);
      const weights = weightsFor(new Float64Array(losses.length));
      return { total: weightedSum(losses, weights), weights };
    },
  };
}
