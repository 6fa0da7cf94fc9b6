import * as tf from "@tensorflow/tfjs-core";

/**
 * The identity whose gradient is zero: what flows through it is used as a constant input
 * (tfjs has no stop-gradient op).
 *
 * @example
 * tf.grad((x: tf.Tensor) => tf.sum(tf.mul(stopGradient(x), x)))(tf.tensor1d([3])); // [3], not [6]
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    return { value: tf.clone(input), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
  });
  return op(x) as T;
}
