import * as tf from "@tensorflow/tfjs-core";
import { defaultContext } from "./default-context";
import { mtlError } from "../errors";
import { checkWeighting } from "./dispatch";
import type { LossWeighting, WeightingContext } from "./types";

/**
 * The effective task weights ∂total/∂L_t a loss-based method reports for these loss values: its tensor-free
 * `weightsFor` when it has one, else its `combine` run on scalar tensors (freed at once), for callers that only want
 * the numbers (plots, the toy landscape,
 * lessons). Like `combine`, it reads the method's state but never changes it (RLW draws from `context.rng`).
 *
 * @example
 * lossWeights(gls(), [1, 4]); // → [1, 0.25]
 */
export function lossWeights(
  method: LossWeighting,
  losses: ArrayLike<number>,
  context?: Partial<WeightingContext>,
): Float64Array {
  const checked = checkWeighting(method);
  if (checked.kind !== "loss") return checkedLossKind(checked.name, checked.kind);
  const values = Float64Array.from(losses);
  const full = defaultContext(values.length, { ...context, losses: values });
  if (checked.weightsFor) return checked.weightsFor(values, full);
  let weights: Float64Array = new Float64Array(values.length);
  tf.tidy(() => {
    weights = checked.combine(
      Array.from(values, (value) => tf.scalar(value)),
      full,
    ).weights;
  });
  return weights;
}

function checkedLossKind(name: string, kind: string): never {
  throw mtlError({
    code: "not-a-loss-method",
    message: `lossWeights needs a loss-based method but "${name}" has kind "${kind}"`,
    fix: "use aggregate for gradient methods",
  });
}
