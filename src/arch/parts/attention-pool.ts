import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import { denseLayer } from "./dense-layer";
import { maskedSoftmax } from "./masked-softmax";
import { uniqueName } from "./unique-name";

/** One attention pooling unit: its variables, and the pooled vector with its weights. */
export interface AttentionPool {
  readonly variables: readonly tf.Variable[];
  /** sequence [B, T, U], mask [B, T] → pooled [B, U] and weights [B, T]. */
  apply(sequence: tf.Tensor, mask: tf.Tensor): { pooled: tf.Tensor2D; weights: tf.Tensor2D };
}

/**
 * Attention pooling with a learned query (Yang et al. 2016, eq. 8–10): keys k_t = tanh(W h_t + b),
 * weights α = softmax over real steps of k_t·q, pooled = Σ_t α_t h_t.
 *
 * @example
 * const pool = attentionPool({ inputSize: 4, size: 3, rng: createRng(1), name: "pool" });
 * pool.apply(tf.ones([2, 5, 4]), tf.ones([2, 5])).weights.shape; // [2, 5]
 */
export function attentionPool(options: { inputSize: number; size: number; rng: Rng; name: string }): AttentionPool {
  const { inputSize, size, rng, name } = options;
  const keys = denseLayer({ inputSize, units: size, activation: "tanh", rng, name: `${name}/keys` });
  const limit = Math.sqrt(6 / (size + 1));
  const values = Float32Array.from({ length: size }, () => (2 * rng.next() - 1) * limit);
  const query = tf.variable(tf.tensor2d(values, [size, 1]), true, uniqueName(`${name}/query`));
  return {
    variables: [...keys.variables, query],
    apply: (sequence, mask) => {
      const [B, T] = sequence.shape as [number, number, number];
      const k = keys.apply(tf.reshape(sequence, [B * T, inputSize]));
      const weights = maskedSoftmax(tf.reshape(tf.matMul(k as tf.Tensor2D, query), [B, T]), mask);
      const pooled = tf.squeeze(tf.matMul(tf.expandDims(weights, 1), sequence as tf.Tensor3D), [1]) as tf.Tensor2D;
      return { pooled, weights };
    },
  };
}
