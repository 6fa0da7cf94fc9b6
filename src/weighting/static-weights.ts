import { mtlError } from "../errors";
import { checkLossCount, weightedSum } from "./weighted-sum";
import type { LossWeighting } from "./types";

/** Options for {@link staticWeights}. */
export interface StaticWeightsOptions {
  /** One fixed weight per task, in task order. */
  weights: readonly number[];
}

/**
 * Static weighting: Σ_t w_t L_t with fixed, hand-chosen weights (linear scalarisation).
 *
 * @example
 * lossWeights(staticWeights({ weights: [1, 2] }), [5, 5]); // → [1, 2]
 */
export function staticWeights(options: StaticWeightsOptions): LossWeighting {
  if (!options?.weights?.length || !options.weights.every(Number.isFinite)) {
    throw mtlError({
      code: "bad-option",
      message: `staticWeights needs finite weights, found ${JSON.stringify(options?.weights)}`,
      fix: "pass { weights: [1, 0.5] }, one per task",
    });
  }
  const fixed = Float64Array.from(options.weights);
  return {
    kind: "loss",
    name: "staticWeights",
    weightsFor(losses) {
      checkLossCount("staticWeights", fixed.length, losses.length);
      return Float64Array.from(fixed);
    },
    combine(losses) {
      checkLossCount("staticWeights", fixed.length, losses.length);
      return { total: weightedSum(losses, fixed), weights: Float64Array.from(fixed) };
    },
  };
}
