import * as tf from "@tensorflow/tfjs-core";
import type { ForwardOptions } from "../types";
import { normalizeBatch } from "./normalize-batch";
import { uniqueName } from "./unique-name";

/** Batch normalisation over the last axis on explicit variables: scale γ, shift β and running statistics. */
export interface BatchNormalization {
  readonly name: string;
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
  readonly movingMean: tf.Variable;
  readonly movingVariance: tf.Variable;
  /** γ and β (trainable). */
  readonly variables: readonly tf.Variable[];
  /** The running mean and variance: model state, saved with the weights, never given to an optimizer. */
  readonly stateVariables: readonly tf.Variable[];
  /** Normalises x [B, size]; in training also updates the running statistics. */
  apply(x: tf.Tensor, forward: ForwardOptions): tf.Tensor;
}

/** Options of {@link batchNormalization}. */
export interface BatchNormalizationOptions {
  /** Width of the normalised axis (the last one). */
  size: number;
  name: string;
}

/**
 * Batch normalisation (Ioffe & Szegedy 2015, Algorithms 1 and 2) for the hand-written parts, with the
 * settings of the encoders' tfjs-layers one (`batchNormLayer`): γ = 1, β = 0, running mean 0 and
 * variance 1 at the start; the maths is {@link normalizeBatch}.
 *
 * @example
 * const norm = batchNormalization({ size: 2, name: "bn" });
 * norm.apply(tf.tensor2d([[1, 10], [3, 30]]), { training: true }); // → [[-0.9995, -1.0000], [0.9995, 1.0000]]
 * norm.movingMean; // → [0.02, 0.20] (0.01 × the batch mean [2, 20])
 * norm.apply(tf.tensor2d([[1, 10]]), { training: false }); // → [[0.9795, 6.9453]] (running statistics)
 */
export function batchNormalization(options: BatchNormalizationOptions): BatchNormalization {
  const { size, name } = options;
  const make = (value: number, trainable: boolean, label: string): tf.Variable =>
    tf.tidy(() => tf.variable(tf.fill([size], value), trainable, uniqueName(`${name}/${label}`)));
  const gamma = make(1, true, "gamma");
  const beta = make(0, true, "beta");
  const movingMean = make(0, false, "movingMean");
  const movingVariance = make(1, false, "movingVariance");
  const norm: BatchNormalization = {
    name,
    gamma,
    beta,
    movingMean,
    movingVariance,
    variables: [gamma, beta],
    stateVariables: [movingMean, movingVariance],
    apply: (x, forward) => normalizeBatch(x, [norm], forward),
  };
  return norm;
}
