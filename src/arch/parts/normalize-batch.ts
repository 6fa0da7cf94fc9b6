import * as tf from "@tensorflow/tfjs-core";
import { mtlError, type MtlError } from "../../errors";
import type { ForwardOptions } from "../types";
import type { BatchNormalization } from "./batch-normalization";

/** Momentum of the running statistics and ε, as in the encoders' tfjs-layers batch normalisation. */
export const batchNormSettings = { momentum: 0.99, epsilon: 1e-3 } as const;

/**
 * Batch normalisation of x over its batch axis (Ioffe & Szegedy 2015, Algorithm 1): in training
 * y = γ (x − μ_B) / √(σ²_B + ε) + β with the batch's mean μ_B and biased variance σ²_B (gradients flow
 * through both), and the running statistics move as m ← m − (1 − 0.99)(m − μ_B), v likewise with σ²_B;
 * in inference (Algorithm 2) the running m and v replace μ_B and σ²_B and nothing is updated. ε = 1e-3.
 * A training pass with `updateStatistics: false` uses the batch's statistics but leaves the running ones.
 * x is [B, h] with one norm, or a stack with one norm per slice: [B, L, h] (`batchAxis` 0) or
 * [L, B, h] (`batchAxis` 1), as expert banks run L experts at once. A training batch of one sample
 * throws `batch-norm-single-sample`: its variance is 0, so every output would be β and no gradient
 * would reach the layers below.
 *
 * @example
 * const norms = [0, 1].map((l) => batchNormalization({ size: 1, name: `bn${l}` }));
 * const x = tf.tensor3d([[[1], [0]], [[3], [4]]]); // [B = 2, L = 2, h = 1]
 * normalizeBatch(x, norms, { training: true }); // → [[[-0.9995], [-0.9999]], [[0.9995], [0.9999]]]
 * norms[1].movingVariance; // → [1.03] (0.99 · 1 + 0.01 · 4, the variance of [0, 4])
 */
export function normalizeBatch(
  x: tf.Tensor,
  norms: readonly BatchNormalization[],
  forward: ForwardOptions,
  batchAxis: 0 | 1 = 0,
): tf.Tensor {
  const size = x.shape[x.rank - 1] as number;
  const shape = x.rank === 2 ? [size] : batchAxis === 0 ? [norms.length, size] : [norms.length, 1, size];
  const stacked = (pick: (norm: BatchNormalization) => tf.Tensor): tf.Tensor =>
    norms.length === 1 && x.rank === 2 ? pick(norms[0]!) : tf.reshape(tf.stack(norms.map(pick)), shape);
  const { epsilon, momentum } = batchNormSettings;
  if (!forward.training) {
    return tf.tidy(() => {
      const scale = tf.mul(
        stacked((n) => n.gamma),
        tf.rsqrt(
          tf.add(
            stacked((n) => n.movingVariance),
            epsilon,
          ),
        ),
      );
      return tf.add(
        tf.mul(
          tf.sub(
            x,
            stacked((n) => n.movingMean),
          ),
          scale,
        ),
        stacked((n) => n.beta),
      );
    });
  }
  if (x.shape[batchAxis] === 1) throw singleSampleError(norms[0]?.name ?? "batch norm");
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, batchAxis, true);
    const scale = tf.mul(
      stacked((n) => n.gamma),
      tf.rsqrt(tf.add(variance, epsilon)),
    );
    const y = tf.add(
      tf.mul(tf.sub(x, mean), scale),
      stacked((n) => n.beta),
    );
    const update = (pick: (norm: BatchNormalization) => tf.Variable, batch: tf.Tensor): void => {
      const rows = tf.unstack(tf.reshape(batch, [norms.length, size]));
      norms.forEach((norm, l) => {
        const running = pick(norm);
        running.assign(tf.sub(running, tf.mul(tf.sub(running, rows[l]!), 1 - momentum)));
      });
    };
    if (forward.updateStatistics !== false) {
      update((n) => n.movingMean, mean);
      update((n) => n.movingVariance, variance);
    }
    return y;
  });
}

/**
 * The error for a training batch of one sample under batch normalisation, shared with the encoders.
 *
 * @example
 * singleSampleError("mlp").code; // → "batch-norm-single-sample"
 */
export function singleSampleError(name: string): MtlError {
  return mtlError({
    code: "batch-norm-single-sample",
    message:
      `${name}: batch normalisation in training needs at least 2 samples per batch to estimate a mean and ` +
      `variance, but got a batch of 1 (every output would be β, and no gradient would reach the layers below)`,
    fix:
      "train with batches of ≥ 2 samples (the last batch of an epoch holds size % batchSize samples: pick a " +
      "batchSize for which that is not 1), or turn batchNorm off",
  });
}
