import * as tf from "@tensorflow/tfjs-core";
import { checkLossCount } from "./weighted-sum";
import type { LossWeighting } from "./types";

/**
 * Geometric loss strategy (Chennupati et al. 2019, "MultiNet++", eq. 2): the geometric mean
 * (Π_t L_t)^{1/T}, computed as exp(mean log L_t). Effective weights ∂total/∂L_t = total / (T·L_t),
 * so tasks with small losses weigh more. Losses must be positive.
 *
 * @example
 * lossWeights(gls(), [1, 4]); // → [1, 0.25]
 */
export function gls(): LossWeighting {
  const weightsFor = (losses: Float64Array) => {
    checkLossCount("gls", 0, losses.length);
    const n = losses.length;
    const total = Math.exp(losses.reduce((sum, loss) => sum + Math.log(loss), 0) / n);
    return losses.map((loss) => total / (n * loss));
  };
  return {
    kind: "loss",
    name: "gls",
    weightsFor,
    combine(losses, context) {
      checkLossCount("gls", 0, losses.length);
      const total = tf.tidy(() => tf.exp(tf.mean(tf.log(tf.stack([...losses])))) as tf.Scalar);
      return { total, weights: weightsFor(context.losses) };
    },
  };
}
