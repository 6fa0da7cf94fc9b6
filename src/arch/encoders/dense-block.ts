import * as tfl from "@tensorflow/tfjs-layers";

/** Activations of the ready encoders' hidden layers. */
export type HiddenActivation = "relu" | "tanh" | "elu" | "sigmoid" | "linear";

/** Options of {@link denseBlock}. */
export interface DenseBlockOptions {
  units: number;
  activation: HiddenActivation;
  /** Batch normalisation between the affine map and the activation. */
  batchNorm: boolean;
  /** Dropout rate after the activation (0 = none). */
  dropout: number;
  /** A fresh initialiser seed per call. */
  nextSeed: () => number;
}

/**
 * One hidden layer of the ready encoders: dense → [batch norm] → activation → [dropout], with a
 * seeded Glorot-normal kernel (tfjs-layers' default). With batch norm the dense layer has no bias:
 * batch norm's β replaces it (Ioffe & Szegedy 2015, §3.2).
 *
 * @example
 * denseBlock({ units: 8, activation: "relu", batchNorm: true, dropout: 0, nextSeed: () => 1 }).length; // → 3
 */
export function denseBlock(options: DenseBlockOptions): tfl.layers.Layer[] {
  const { units, activation, batchNorm } = options;
  const kernelInitializer = tfl.initializers.glorotNormal({ seed: options.nextSeed() });
  const stack: tfl.layers.Layer[] = [];
  if (batchNorm) {
    stack.push(tfl.layers.dense({ units, useBias: false, kernelInitializer }), batchNormLayer());
    if (activation !== "linear") stack.push(tfl.layers.activation({ activation }));
  } else {
    stack.push(tfl.layers.dense({ units, activation, kernelInitializer }));
  }
  if (options.dropout > 0) stack.push(tfl.layers.dropout({ rate: options.dropout }));
  return stack;
}

/**
 * tfjs-layers' batch normalisation (Ioffe & Szegedy 2015, Algorithm 1 and 2) over the last axis:
 * y = γ (x − μ_B) / √(σ²_B + ε) + β with the batch's mean and biased variance in training, and
 * running statistics m ← 0.99 m + 0.01 μ_B, v ← 0.99 v + 0.01 σ²_B (non-trainable) in inference; ε = 1e-3.
 *
 * @example
 * batchNormLayer().getClassName(); // → "BatchNormalization"
 */
export function batchNormLayer(): tfl.layers.Layer {
  return tfl.layers.batchNormalization({ axis: -1, momentum: 0.99, epsilon: 1e-3 });
}
