import * as tf from "@tensorflow/tfjs-core";

/**
 * Per-sample τ²·KL(softmax(t/τ) ‖ softmax(s/τ)) for logits [B, C] (Hinton et al. 2015, §2), [B].
 * Computed from log-softmaxes, so a teacher probability that underflows to 0 gives 0, not NaN.
 *
 * @example
 * softmaxKlPerSample(tf.tensor2d([[0, 0]]), tf.tensor2d([[0, 0]]), 2); // [0]
 */
export function softmaxKlPerSample(student: tf.Tensor2D, teacher: tf.Tensor2D, temperature: number): tf.Tensor1D {
  return tf.tidy(() => {
    const logP = tf.logSoftmax(tf.div(teacher, temperature));
    const logQ = tf.logSoftmax(tf.div(student, temperature));
    const kl = tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), 1);
    return tf.mul(kl, temperature * temperature) as tf.Tensor1D;
  });
}

/**
 * Per-sample τ²·KL(Bernoulli(σ(t/τ)) ‖ Bernoulli(σ(s/τ))) averaged over the W outputs, [B]: the
 * binary (sigmoid) counterpart of {@link softmaxKlPerSample}.
 *
 * @example
 * sigmoidKlPerSample(tf.tensor2d([[1]]), tf.tensor2d([[1]]), 1); // [0]
 */
export function sigmoidKlPerSample(student: tf.Tensor2D, teacher: tf.Tensor2D, temperature: number): tf.Tensor1D {
  return tf.tidy(() => {
    const t = tf.div(teacher, temperature);
    const s = tf.div(student, temperature);
    const logP = tf.logSigmoid(t);
    const logNotP = tf.logSigmoid(tf.neg(t));
    const on = tf.mul(tf.exp(logP), tf.sub(logP, tf.logSigmoid(s)));
    const off = tf.mul(tf.exp(logNotP), tf.sub(logNotP, tf.logSigmoid(tf.neg(s))));
    return tf.mul(tf.mean(tf.add(on, off), 1), temperature * temperature) as tf.Tensor1D;
  });
}
