import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";

/**
 * Σ_t w_t L_t as a tf scalar, with constant weights.
 *
 * @example
 * weightedSum([tf.scalar(2), tf.scalar(4)], new Float64Array([0.5, 0.5])).dataSync(); // [3]
 */
export function weightedSum(losses: readonly tf.Scalar[], weights: ArrayLike<number>): tf.Scalar {
  return tf.tidy(() => tf.addN(losses.map((loss, t) => tf.mul(loss, weights[t] as number))) as tf.Scalar);
}

/**
 * Throws unless a loss method received one loss per task it was built for.
 *
 * @example
 * checkLossCount("uncertainty", 2, 2); // ok
 */
export function checkLossCount(methodName: string, expected: number, found: number): void {
  if (found === 0 || (expected > 0 && found !== expected)) {
    throw mtlError({
      code: "task-count-mismatch",
      message: `${methodName} expected ${expected > 0 ? expected : "at least one"} task losses, found ${found}`,
      fix:
        expected > 0
          ? `build it with taskCount: ${found}, or pass ${expected} losses`
          : "pass one scalar loss per task",
    });
  }
}
