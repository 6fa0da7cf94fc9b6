import * as tf from "@tensorflow/tfjs-core";
import { batchedDense } from "./batched-dense";
import type { DenseLayer } from "./dense-layer";

/**
 * T softmax gates over E experts that read the same input, g^t(x) = softmax(W_gt x) (Ma et al.
 * 2018, §4.3), run as one [D, T·E] matmul and one softmax: [B, T, E], row (b, t) is gate t's
 * weights for sample b. Each gate keeps its own variables.
 *
 * @example
 * const gates = [1, 2].map((i) => softmaxGate({ inputSize: 4, experts: 3, rng: createRng(i), name: `g${i}` }));
 * tf.sum(gateBank(tf.ones([5, 4]), gates), 2); // [5, 2] of ones
 */
export function gateBank(x: tf.Tensor2D, gates: readonly DenseLayer[]): tf.Tensor3D {
  return tf.tidy(() => tf.softmax(batchedDense(x, gates, "linear")) as tf.Tensor3D);
}
