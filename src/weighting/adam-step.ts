/** Adam's moments and step count for a small vector of logits, as kept in a method's explicit state. */
export interface AdamMoments {
  firstMoment: Float64Array | undefined;
  secondMoment: Float64Array | undefined;
  steps: number;
}

/** Options for {@link adamStep}. */
export interface AdamStepOptions {
  learningRate: number;
  /** Added to the gradient as γ·x, as torch's Adam does (FAMO). Default 0. */
  weightDecay?: number;
}

/**
 * One Adam step with torch's defaults (β₁ 0.9, β₂ 0.999, ε 1e-8; Kingma & Ba 2015, Algorithm 1) on a
 * small Float64 vector, used by FAMO's and GradNorm's weight logits; returns new arrays and never
 * changes its inputs. Missing or mis-sized moments start at 0.
 *
 * @example
 * adamStep(new Float64Array([0]), new Float64Array([2]), { firstMoment: undefined, secondMoment: undefined, steps: 0 },
 *   { learningRate: 0.1 }).values; // [-0.1]
 */
export function adamStep(
  values: Float64Array,
  gradient: Float64Array,
  moments: AdamMoments,
  options: AdamStepOptions,
): AdamMoments & { values: Float64Array; firstMoment: Float64Array; secondMoment: Float64Array } {
  const n = values.length;
  const weightDecay = options.weightDecay ?? 0;
  const m = Float64Array.from(moments.firstMoment?.length === n ? moments.firstMoment : new Float64Array(n));
  const v = Float64Array.from(moments.secondMoment?.length === n ? moments.secondMoment : new Float64Array(n));
  const steps = moments.steps + 1;
  const next = values.map((x, t) => {
    const g = (gradient[t] as number) + weightDecay * x;
    m[t] = 0.9 * (m[t] as number) + 0.1 * g;
    v[t] = 0.999 * (v[t] as number) + 0.001 * g * g;
    const mHat = (m[t] as number) / (1 - 0.9 ** steps);
    const vHat = (v[t] as number) / (1 - 0.999 ** steps);
    return x - (options.learningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
  });
  return { values: next, firstMoment: m, secondMoment: v, steps };
}
