import * as tf from "@tensorflow/tfjs-core";

/**
 * `tf.variableGrads` for a function that may throw: an error inside the tape would strand the tensors the
 * tape saved for the backward pass, so the error is held, the pass finishes on a zero loss connected to the
 * first variable (which frees them), and the error is thrown afterwards with nothing left behind.
 *
 * @example
 * const v = tf.variable(tf.scalar(2));
 * const { value, grads } = guardedGrads(() => tf.square(v), [v]);
 * grads[v.name]!.dataSync(); // → [4]
 * tf.dispose([value, ...Object.values(grads), v]);
 */
export function guardedGrads(
  f: () => tf.Scalar,
  variables: readonly tf.Variable[],
): { value: tf.Scalar; grads: tf.NamedTensorMap } {
  let failure: unknown;
  let failed = false;
  const result = tf.variableGrads(() => {
    try {
      return f();
    } catch (error) {
      failure = error;
      failed = true;
      return tf.mul(tf.sum(variables.find((v) => v.trainable) ?? (variables[0] as tf.Variable)), 0) as tf.Scalar;
    }
  }, variables as tf.Variable[]);
  if (!failed) return result;
  tf.dispose([result.value, ...Object.values(result.grads)]);
  throw failure;
}
