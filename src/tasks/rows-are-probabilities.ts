import type * as tf from "@tensorflow/tfjs-core";

const SUM_TOLERANCE = 1e-4;

/**
 * True when `values` is a non-empty [batch, width] tensor whose every row lies in [0, 1] and sums to 1 —
 * what a softmax gives. Both probability warnings (a head's outputs, a trunk's features) ask this.
 */
export function rowsAreProbabilities(values: tf.Tensor): boolean {
  if (values.rank !== 2 || values.shape[0] === 0) return false;
  const width = values.shape[1] as number;
  const data = values.dataSync();
  for (let row = 0; row < data.length / width; row++) {
    let sum = 0;
    for (let k = 0; k < width; k++) {
      const value = data[row * width + k] as number;
      if (!(value >= 0 && value <= 1)) return false;
      sum += value;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) return false;
  }
  return true;
}
