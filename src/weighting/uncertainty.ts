import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";
import { checkLossCount } from "./weighted-sum";
import type { LossWeighting } from "./types";

/** Options for {@link uncertainty}. */
export interface UncertaintyOptions {
  /** Number of tasks T (the log-variances are created in the factory, so the optimiser sees them). */
  taskCount: number;
  /** Initial log-variance s_t = log σ_t². Default 0. */
  initialLogVariance?: number;
}

/**
 * Uncertainty weighting (Kendall, Gal & Cipolla 2018, eq. 7 for every task): total = Σ_t ½(e^{−s_t} L_t + s_t)
 * with learnable log-variances s_t = log σ_t² (one tf.Variable of shape [T] in `variables`), the form
 * LibMTL and the Nash-MTL code use; the paper's classification form (eq. 10) drops the ½ on L_t.
 * Effective weights ½e^{−s_t}; ∂total/∂s_t = ½(1 − e^{−s_t} L_t), so s_t → log L_t.
 * Call `dispose()` when done to free the variable. Modes: any (loss-based).
 *
 * @example
 * const method = uncertainty({ taskCount: 2 });
 * method.combine([tf.scalar(2), tf.scalar(4)], defaultContext(2)).weights; // Float64Array [0.5, 0.5]
 */
export function uncertainty(options: UncertaintyOptions): LossWeighting & { dispose(): void } {
  const taskCount = options?.taskCount;
  if (!Number.isInteger(taskCount) || taskCount < 1) {
    throw mtlError({
      code: "bad-option",
      message: `uncertainty needs taskCount ≥ 1, found ${taskCount}`,
      fix: "pass { taskCount: 2 } for two tasks",
    });
  }
  const logVariance = tf.variable(tf.fill([taskCount], options.initialLogVariance ?? 0), true);
  return {
    kind: "loss",
    name: "uncertainty",
    variables: [logVariance],
    combine(losses) {
      checkLossCount("uncertainty", taskCount, losses.length);
      const total = tf.tidy(() => {
        const stacked = tf.stack([...losses]) as tf.Tensor1D;
        return tf.mul(0.5, tf.sum(tf.add(tf.mul(tf.exp(tf.neg(logVariance)), stacked), logVariance))) as tf.Scalar;
      });
      const weights = Float64Array.from(logVariance.dataSync(), (s) => 0.5 * Math.exp(-s));
      return { total, weights };
    },
    dispose() {
      logVariance.dispose();
    },
  };
}
