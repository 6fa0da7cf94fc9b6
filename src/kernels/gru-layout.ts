import type * as tf from "@tensorflow/tfjs-core";

/** Attributes of the fused GRU kernels. */
export interface GruAttrs {
  recurrentActivation: "hardSigmoid" | "sigmoid";
  returnSequences: boolean;
}

/** Planes of the forward kernel's saved `gates` tensor (6×T×B×U): what backpropagation reads. */
export const GATE = { resetHidden: 0, update: 1, reset: 2, updateSlope: 3, resetSlope: 4, candidate: 5 } as const;

/** Batch B, time steps T, input size D and units U of a GRU call. */
export function gruSizes(
  x: tf.TensorInfo,
  recurrentKernel: tf.TensorInfo,
): { B: number; T: number; D: number; U: number } {
  const [B, T, D] = x.shape as [number, number, number];
  return { B, T, D, U: recurrentKernel.shape[0] as number };
}
