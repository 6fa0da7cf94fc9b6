import * as tf from "@tensorflow/tfjs-core";
import { adamStep } from "./adam-step";
import { checkLossCount } from "./weighted-sum";
import type { LossWeighting } from "./types";

/** Options for {@link famo}. */
export interface FamoOptions {
  /** Adam learning rate of the weight logits. Default 0.025 (paper, LibMTL). */
  learningRate?: number;
  /** Weight decay γ of the logits (added to their gradient, as torch's Adam does). Default 1e-3 (LibMTL). */
  weightDecay?: number;
  /** Lower bounds L*_t of the losses. Default 0 for every task. */
  minLosses?: readonly number[];
  /** Added to L_t − L*_t. Default 1e-8. */
  epsilon?: number;
}

/** FAMO's explicit state, changed only by `endStep`: logits ξ, their Adam moments and step count. */
export type FamoState = {
  logits: Float64Array | undefined;
  firstMoment: Float64Array | undefined;
  secondMoment: Float64Array | undefined;
  steps: number;
};

/**
 * FAMO (Liu et al. 2023, "Fast Adaptive Multitask Optimization", Algorithm 1): total = Σ_t z_t log(D_t) / c
 * with z = softmax(ξ), D_t = L_t − L*_t + ε and c = Σ_t z_t / D_t (constant), so the effective weights
 * z_t / (c D_t) sum to 1. After the optimiser step, `endStep` (whose `context.losses` are measured after
 * it) moves ξ by one Adam step along ∂/∂ξ [z · (log D_before − log D_after)] (eq. 8), as the official code.
 * Modes: any (loss-based, one backward pass).
 *
 * @example
 * lossWeights(famo(), [1, 3]); // → [0.75, 0.25]
 */
export function famo(options: FamoOptions = {}): LossWeighting & { readonly state: FamoState } {
  const learningRate = options.learningRate ?? 0.025;
  const weightDecay = options.weightDecay ?? 1e-3;
  const epsilon = options.epsilon ?? 1e-8;
  const state: FamoState = { logits: undefined, firstMoment: undefined, secondMoment: undefined, steps: 0 };
  let pendingLosses: Float64Array | undefined;
  const gaps = (losses: Float64Array) => losses.map((loss, t) => loss - (options.minLosses?.[t] ?? 0) + epsilon);
  const softmaxOf = (n: number) => softmax(state.logits?.length === n ? state.logits : new Float64Array(n));
  const weightsFor = (losses: Float64Array) => {
    checkLossCount("famo", options.minLosses?.length ?? 0, losses.length);
    const z = softmaxOf(losses.length);
    const d = gaps(losses);
    const c = z.reduce((sum, zt, t) => sum + zt / (d[t] as number), 0);
    return z.map((zt, t) => zt / (c * (d[t] as number)));
  };
  return {
    kind: "loss",
    name: "famo",
    weightsFor,
    state,
    combine(losses, context) {
      const weights = weightsFor(context.losses);
      const z = softmaxOf(losses.length);
      const c = z.reduce((sum, zt, t) => sum + zt / (gaps(context.losses)[t] as number), 0);
      const total = tf.tidy(() => {
        const floor = tf.tensor1d(Array.from(losses, (_, t) => (options.minLosses?.[t] ?? 0) - epsilon));
        const logGaps = tf.log(tf.sub(tf.stack([...losses]), floor));
        return tf.div(tf.sum(tf.mul(logGaps, tf.tensor1d(Array.from(z)))), c) as tf.Scalar;
      });
      pendingLosses = Float64Array.from(context.losses);
      return { total, weights };
    },
    endStep(context) {
      if (!pendingLosses) return;
      const gradient = logitGradient(softmaxOf(pendingLosses.length), gaps(pendingLosses), gaps(context.losses));
      const logits = state.logits?.length === gradient.length ? state.logits : new Float64Array(gradient.length);
      const { values, ...moments } = adamStep(logits, gradient, state, { learningRate, weightDecay });
      Object.assign(state, { logits: values, ...moments });
      pendingLosses = undefined;
    },
  };
}

function softmax(logits: Float64Array): Float64Array {
  const top = Math.max(...logits);
  const exps = logits.map((value) => Math.exp(value - top));
  const total = exps.reduce((sum, x) => sum + x, 0);
  return exps.map((value) => value / total);
}

/** ∂/∂ξ Σ_t z_t δ_t = z ⊙ (δ − z·δ), δ = log D_before − log D_after. */
function logitGradient(z: Float64Array, before: Float64Array, after: Float64Array): Float64Array {
  const delta = before.map((value, t) => Math.log(value) - Math.log(after[t] as number));
  const mean = z.reduce((sum, zt, t) => sum + zt * (delta[t] as number), 0);
  return z.map((zt, t) => zt * ((delta[t] as number) - mean));
}
