import * as tf from "@tensorflow/tfjs-core";
import { warnOnce } from "../errors";
import { checkLossCount } from "./weighted-sum";
import type { LossWeighting, WeightingContext } from "./types";

/** Options for {@link stch}. */
export interface StchOptions {
  /** Smoothing μ of the log-sum-exp; μ → 0 gives the Tchebycheff max. Default 1 (LibMTL/official). */
  mu?: number;
  /** Epochs of Σ log L_t before STCH starts; the nadir is the last warm-up epoch's mean loss. Default 4 (official). */
  warmupEpochs?: number;
  /** A fixed nadir (normalising) vector instead of the warm-up; skips the warm-up. */
  nadir?: readonly number[];
}

/** STCH's explicit state: the nadir vector, set by `endEpoch` at the end of the warm-up. */
export type StchState = {
  nadir: Float64Array | undefined;
};

const TINY = 1e-20;

/**
 * Smooth Tchebycheff scalarisation (Lin et al. 2024, ICML, eq. 8, MTL form of the official code):
 * total = T·μ·log Σ_t exp(log(L_t/n_t)/μ) on log losses normalised by the nadir n, after `warmupEpochs`
 * epochs of Σ_t log L_t; the official code takes the nadir from the epoch after the warm-up instead, one
 * epoch later. Effective weights ∂total/∂L_t = T·softmax_t / L_t (1/L_t during warm-up).
 * Modes: any (loss-based).
 *
 * @example
 * lossWeights(stch({ nadir: [1, 1] }), [1, 1]); // → [1, 1]
 */
export function stch(options: StchOptions = {}): LossWeighting & { readonly state: StchState } {
  const mu = options.mu ?? 1;
  const warmupEpochs = options.nadir ? 0 : (options.warmupEpochs ?? 4);
  const state: StchState = { nadir: options.nadir ? Float64Array.from(options.nadir) : undefined };
  const phase = (n: number, context: WeightingContext) => {
    if (state.nadir?.length === n) return state.nadir;
    if (context.epoch < warmupEpochs) return undefined;
    if (warmupEpochs > 0)
      warnOnce(
        "stch-no-nadir",
        "stch is past its warm-up but endEpoch was never called, so it has no nadir; using 1 for every task",
      );
    return new Float64Array(n).fill(1);
  };
  const weightsFor = (losses: Float64Array, context: WeightingContext) => {
    checkLossCount("stch", state.nadir?.length ?? 0, losses.length);
    const nadir = phase(losses.length, context);
    if (!nadir) return losses.map((loss) => 1 / (loss + TINY));
    const scores = losses.map((loss, t) => Math.log(loss / (nadir[t] as number) + TINY) / mu);
    const top = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - top));
    const sum = exps.reduce((total, x) => total + x, 0);
    return exps.map((e, t) => (losses.length * e) / sum / ((losses[t] as number) + TINY * (nadir[t] as number)));
  };
  return {
    kind: "loss",
    name: "stch",
    weightsFor,
    state,
    combine(losses, context) {
      const weights = weightsFor(context.losses, context);
      const nadir = phase(losses.length, context);
      const total = tf.tidy(() => {
        const stacked = tf.stack([...losses]);
        if (!nadir) return tf.sum(tf.log(tf.add(stacked, TINY))) as tf.Scalar;
        const logs = tf.log(tf.add(tf.div(stacked, tf.tensor1d(Array.from(nadir))), TINY));
        return tf.mul(losses.length * mu, tf.logSumExp(tf.div(logs, mu))) as tf.Scalar;
      });
      return { total, weights };
    },
    endEpoch(epoch, meanLosses) {
      if (!options.nadir && epoch === warmupEpochs - 1) state.nadir = Float64Array.from(meanLosses);
    },
  };
}
