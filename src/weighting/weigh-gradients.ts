import type * as tf from "@tensorflow/tfjs-core";
import { dispatchGradients, type DeviceCombination } from "./dispatch";
import type { GradientWeighting, WeightingContext } from "./types";

/** The update a gradient method chose for a T×P matrix of task gradients on the device. */
export type WeighedGradients = DeviceCombination;

/**
 * Applies a gradient method to the task-gradient matrix J (T×P, on the device) through the one dispatcher
 * ({@link dispatchGradients}): G = J Jᵀ is computed with one matMul and read back as Float64 for a Gramian
 * method's `weigh`, and the direction wᵀJ is formed on the device; Jacobian methods with `combineTensor`
 * (GradDrop, DB-MTL) work on J on the device. The caller disposes `direction`.
 *
 * @example
 * const J = tf.tensor2d([[-4, 1, 1], [6, 1, 1]]);
 * const result = weighGradients(J, mgda(), defaultContext(2));
 * Array.from(result.weights, (w) => Number(w.toFixed(4))); // → [0.6, 0.4]
 * tf.dispose([J, result.direction]);
 */
export function weighGradients(
  jacobian: tf.Tensor2D,
  method: GradientWeighting,
  context: WeightingContext,
): WeighedGradients {
  return dispatchGradients(method, jacobian, context);
}
