import * as tf from "@tensorflow/tfjs-core";

/**
 * The L1 and L2 penalty l1·Σ|w| + l2·Σw² over the kernels among `variables` (rank ≥ 2; biases are
 * not penalised, as in Keras's kernel_regularizer); undefined when both coefficients are 0.
 *
 * @example
 * weightPenalty([tf.variable(tf.tensor2d([[1, -2]]))], { l1: 0.1, l2: 0.01 })?.dataSync(); // [0.35]
 */
export function weightPenalty(
  variables: readonly tf.Variable[],
  coefficients: { l1?: number; l2?: number },
): tf.Scalar | undefined {
  const l1 = coefficients.l1 ?? 0;
  const l2 = coefficients.l2 ?? 0;
  const kernels = variables.filter((v) => v.rank >= 2);
  if ((l1 === 0 && l2 === 0) || kernels.length === 0) return undefined;
  return tf.tidy(() => {
    const terms = kernels.map((v) => tf.add(tf.mul(l1, tf.sum(tf.abs(v))), tf.mul(l2, tf.sum(tf.square(v)))));
    return tf.addN(terms) as tf.Scalar;
  });
}
