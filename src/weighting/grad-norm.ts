import type { GradientWeighting } from "./types";

/** Options for {@link gradNorm}. */
export interface GradNormOptions {
  /** Asymmetry α: how strongly tasks that train slower get larger gradients. Default 1.5 (LibMTL; the paper uses 0.12–3). */
  alpha?: number;
  /** Learning rate of the plain gradient step on the weights. Default 0.025. */
  learningRate?: number;
}

/** GradNorm's explicit state, committed by `endStep`: the task weights (sum T) and the first step's losses L_t(0). */
export interface GradNormState {
  weights: Float64Array | undefined;
  initialLosses: Float64Array | undefined;
}

/**
 * The GradNorm loss L_grad = Σ_t |w_t‖g_t‖ − Ḡ r_t^α| with Ḡ = mean_t w_t‖g_t‖ and r_t the inverse
 * training rate (L_t/L_t(0)) / mean(L/L(0)) (Chen et al. 2018, eq. 2), and its gradient w.r.t. w with the
 * target Ḡ r^α held constant, as the paper prescribes: ∂/∂w_t = sign(w_t‖g_t‖ − target_t) ‖g_t‖.
 *
 * @example
 * gradNormLoss(new Float64Array([1, 1]), new Float64Array([2, 1]), new Float64Array([1, 1]), 1.5).loss; // 1
 */
export function gradNormLoss(weights: Float64Array, norms: Float64Array, ratios: Float64Array, alpha: number) {
  const n = weights.length;
  const scaled = weights.map((w, t) => w * (norms[t] as number));
  const mean = scaled.reduce((sum, x) => sum + x, 0) / n;
  const meanRatio = ratios.reduce((sum, x) => sum + x, 0) / n;
  const targets = ratios.map((r) => mean * (r / meanRatio) ** alpha);
  const loss = scaled.reduce((sum, x, t) => sum + Math.abs(x - (targets[t] as number)), 0);
  const gradient = scaled.map((x, t) => Math.sign(x - (targets[t] as number)) * (norms[t] as number));
  return { loss, gradient, targets };
}

/**
 * GradNorm (Chen et al. 2018, Algorithm 1): learnable task weights w (sum T) that equalise the
 * weighted task gradient norms w_t‖g_t‖, scaled by each task's relative inverse training rate to the
 * power α. Implemented as a gradient method: ‖g_t‖ = √G_tt comes from the Gramian and the loss ratios
 * from `context.losses`, so no second-order tape is needed; the update is Σ w_t g_t. After each step
 * the weights take one plain gradient step on L_grad (see {@link gradNormLoss}) and are renormalised
 * to sum T (paper §3.2), clamped at 1e-8 first so none turns negative; the paper and LibMTL instead train
 * w with the model's optimiser (LibMTL through a softmax). `weigh` records the update; `endStep` commits it.
 * Modes: both; the paper takes gradients w.r.t. the last shared layer's weights.
 *
 * @example
 * aggregate(gradNorm(), [[-4, 1, 1], [6, 1, 1]]).weights; // Float64Array [1, 1] on the first step
 */
export function gradNorm(options: GradNormOptions = {}): GradientWeighting & { readonly state: GradNormState } {
  const alpha = options.alpha ?? 1.5;
  const learningRate = options.learningRate ?? 0.025;
  const state: GradNormState = { weights: undefined, initialLosses: undefined };
  let pending: GradNormState | undefined;
  return {
    kind: "gradient",
    name: "gradNorm",
    modes: ["param", "representation"],
    state,
    weigh(gramian, taskCount, context) {
      const weights = state.weights?.length === taskCount ? state.weights : new Float64Array(taskCount).fill(1);
      const initialLosses = state.initialLosses?.length === taskCount ? state.initialLosses : Float64Array.from(context.losses);
      const norms = new Float64Array(taskCount).map((_, t) => Math.sqrt(Math.max(0, gramian[t * taskCount + t] as number)));
      const ratios = context.losses.map((loss, t) => loss / (initialLosses[t] as number));
      const { gradient } = gradNormLoss(weights, norms, ratios, alpha);
      const stepped = weights.map((w, t) => Math.max(1e-8, w - learningRate * (gradient[t] as number)));
      const total = stepped.reduce((sum, x) => sum + x, 0);
      pending = { weights: stepped.map((w) => (w * taskCount) / total), initialLosses };
      return { weights: Float64Array.from(weights) };
    },
    endStep() {
      if (!pending) return;
      state.weights = pending.weights;
      state.initialLosses = pending.initialLosses;
      pending = undefined;
    },
  };
}
