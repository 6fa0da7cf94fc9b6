import * as tf from "@tensorflow/tfjs-core";

/**
 * Measures the global norm ‖g‖ = √(Σ_i ‖g_i‖²) of a set of gradients and, when `maxNorm` is given
 * and exceeded, scales every gradient by maxNorm/‖g‖ in place of the originals (Pascanu et al. 2013).
 * The returned map owns new tensors; the input's tensors are disposed when replaced.
 *
 * @example
 * clipByGlobalNorm({ a: tf.tensor1d([3]), b: tf.tensor1d([4]) }, 1).norm; // 5, gradients scaled by 1/5
 */
export function clipByGlobalNorm(
  grads: tf.NamedTensorMap,
  maxNorm?: number,
): { grads: tf.NamedTensorMap; norm: number } {
  const tensors = Object.values(grads);
  const norm =
    tensors.length === 0
      ? 0
      : tf.tidy(() => tf.sqrt(tf.addN(tensors.map((g) => tf.sum(tf.square(g))))).dataSync()[0] as number);
  if (maxNorm === undefined || !(norm > maxNorm)) return { grads, norm };
  const scale = maxNorm / norm;
  const clipped: tf.NamedTensorMap = {};
  for (const [name, g] of Object.entries(grads)) {
    clipped[name] = tf.mul(g, scale);
    g.dispose();
  }
  return { grads: clipped, norm };
}
