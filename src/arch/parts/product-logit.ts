import * as tf from "@tensorflow/tfjs-core";

/**
 * The logit of a product of probabilities, logit(σ(a)·σ(b)), computed stably in log space with no
 * branch: log p = log σ(a) + log σ(b), and since 1 − σ(a)σ(b) = σ(−a) + σ(a)σ(−b),
 * log(1 − p) = logsumexp(log σ(−a), log σ(a) + log σ(−b)). ESMM's pCTCVR = pCTR × pCVR as a
 * logit, so the trainer's binary cross-entropy on logits applies unchanged.
 *
 * @example
 * productLogit(tf.scalar(0), tf.scalar(0)).dataSync()[0]; // logit(0.25) = −1.0986
 */
export function productLogit(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  // log σ(x) = −softplus(−x); tf.logSigmoid's gradient closes over its input, which tidy frees.
  const logSigmoid = (x: tf.Tensor): tf.Tensor => tf.neg(tf.softplus(tf.neg(x)));
  return tf.tidy(() => {
    const logA = logSigmoid(a);
    const logP = tf.add(logA, logSigmoid(b));
    const terms = tf.stack([logSigmoid(tf.neg(a)), tf.add(logA, logSigmoid(tf.neg(b)))]);
    return tf.sub(logP, tf.logSumExp(terms, 0));
  });
}
