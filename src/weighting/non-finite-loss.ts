import { mtlError } from "../errors";

/**
 * Throws `non-finite-loss` naming the first task whose loss is NaN or ±Infinity, with the step and
 * epoch, so training stops where it went wrong instead of silently producing NaN weights.
 *
 * @example
 * checkFiniteLosses(Float64Array.from([0.3, 0.2]), ["left", "right"], 12, 0); // passes
 * // with [0.3, NaN]: MtlError non-finite-loss: task "right" has loss NaN at step 12 (epoch 0); …
 */
export function checkFiniteLosses(
  losses: Float64Array,
  taskNames: readonly string[],
  step: number,
  epoch: number,
): void {
  losses.forEach((value, t) => {
    if (Number.isFinite(value)) return;
    throw mtlError({
      code: "non-finite-loss",
      message: `task "${taskNames[t]}" has loss ${value} at step ${step} (epoch ${epoch})`,
      fix:
        "lower the learning rate, set clipNorm, or check that task's targets for NaN/Infinity (mask missing " +
        "labels instead)",
    });
  });
}
