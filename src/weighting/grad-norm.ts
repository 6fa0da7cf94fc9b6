import { adamStep } from "./adam-step";
import type { GramianWeighting } from "./types";

/** Options for {@link gradNorm}. */
export interface GradNormOptions {
  /**
   * Asymmetry α: how strongly tasks that train slower get larger gradients. Default 1.5 (LibMTL; the paper
   * uses 0.12–3).
   */
  alpha?: number;
  /** Adam learning rate of the weight logits s (w = T·softmax(s)). Default 0.025. */
  learningRate?: number;
}

/**
 * GradNorm's explicit state, committed by `endStep`: the weight logits s with their Adam moments and
 * step count, the task weights w = T·softmax(s) they give, and the first step's losses L_t(0).
 */
export type GradNormState = {
  weights: Float64Array | undefined;
  logits: Float64Array | undefined;
  firstMoment: Float64Array | undefined;
  secondMoment: Float64Array | undefined;
  steps: number;
  initialLosses: Float64Array | undefined;
};

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
 * from `context.losses`, so no second-order tape is needed; the update is Σ w_t g_t.
 * The weights are w = T·softmax(s) (LibMTL's parameterisation, so Σw = T as in paper §3.2), and after
 * each step s takes one Adam step (β 0.9, 0.999, as the paper and LibMTL train w with Adam) on L_grad
 * (see {@link gradNormLoss}). Adam and the logits make the update scale-free: a plain gradient step on w
 * moves it by lr·‖g_t‖, which for tasks on very different scales (the case GradNorm is for) flips the
 * large task's weight between 0 and T. `weigh` records the update; `endStep` commits it.
 * Modes: both; the paper takes gradients w.r.t. the last shared layer's weights.
 *
 * @example
 * aggregate(gradNorm(), [[-4, 1, 1], [6, 1, 1]]).weights; // Float64Array [1, 1] on the first step
 */
export function gradNorm(options: GradNormOptions = {}): GramianWeighting & { readonly state: GradNormState } {
  const alpha = options.alpha ?? 1.5;
  const learningRate = options.learningRate ?? 0.025;
  const state: GradNormState = {
    weights: undefined,
    logits: undefined,
    firstMoment: undefined,
    secondMoment: undefined,
    steps: 0,
    initialLosses: undefined,
  };
  let pending: Partial<GradNormState> | undefined;
  return {
    kind: "gramian",
    name: "gradNorm",
    state,
    weigh(gramian, context) {
      const taskCount = context.taskNames.length;
      const logits = state.logits?.length === taskCount ? state.logits : new Float64Array(taskCount);
      const weights = softmax(logits).map((p) => p * taskCount);
      const initialLosses =
        state.initialLosses?.length === taskCount ? state.initialLosses : Float64Array.from(context.losses);
      const norms = new Float64Array(taskCount).map((_, t) =>
        Math.sqrt(Math.max(0, gramian[t * taskCount + t] as number)),
      );
      const ratios = context.losses.map((loss, t) => loss / (initialLosses[t] as number));
      const { gradient } = gradNormLoss(weights, norms, ratios, alpha);
      // ∂w_t/∂s_k = w_t(δ_tk − p_k), so ∂L/∂s_k = w_k (∂L/∂w_k − Σ_t p_t ∂L/∂w_t).
      const mean = gradient.reduce((sum, g, t) => sum + (g * (weights[t] as number)) / taskCount, 0);
      const logitGradient = gradient.map((g, k) => (weights[k] as number) * (g - mean));
      const { values, ...moments } = adamStep(logits, logitGradient, state, { learningRate });
      pending = { logits: values, ...moments, initialLosses };
      return { weights };
    },
    endStep() {
      if (!pending) return;
      const logits = pending.logits as Float64Array;
      Object.assign(state, pending, { weights: softmax(logits).map((p) => p * logits.length) });
      pending = undefined;
    },
  };
}

function softmax(logits: Float64Array): Float64Array {
  const top = Math.max(...logits);
  const exps = logits.map((value) => Math.exp(value - top));
  const total = exps.reduce((sum, x) => sum + x, 0);
  return exps.map((value) => value / total);
}
