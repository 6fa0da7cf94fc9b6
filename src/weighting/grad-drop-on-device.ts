import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../backend/random";

/**
 * GradDrop's masks with tensor ops (Chen et al. 2020, Algorithm 1 lines 10–15), the device twin of
 * `gradDrop().combine`, in two elementwise passes over J. With S = Σ_t g_t and A = Σ_t |g_t| per
 * coordinate, the purity test P = ½(1 + S/A) > U is S + (1 − 2U)·A > 0 (multiplied through by 2A), so
 * s = ±1 says whether positive or negative parts pass and the passed part of g is (s|g| + g)/2. Hence
 * direction = Σ_t ½(1 + ℓ_t) g_t + s ⊙ Σ_t ½(1 − ℓ_t)|g_t| (leaks ℓ), and the kept share of ‖g_t‖²
 * is ℓ_t + (1 − ℓ_t)·½(‖g_t‖² + Σ_p s_p g_tp|g_tp|)/‖g_t‖². The P draws U come from `rng` on the
 * host, one per coordinate in order as the Float64 path draws them, and are uploaded, so one seed gives the same masks
 * on both paths up to float32 rounding of P and U (≈1e-7; a float32 tie S + (1 − 2U)A = 0 keeps the negative
 * parts). `gramian` (row-major T×T, when the caller has it) supplies ‖g_t‖² = G_tt. Returns the direction (the
 * caller disposes it) and the kept shares.
 *
 * @example
 * gradDropOnDevice(tf.tensor2d([[-4, 1, 1], [6, 1, 1]]), new Float64Array(2),
 *   createRng(0)).weights; // [2/18, 1] when U < 0.6
 */
export function gradDropOnDevice(
  jacobian: tf.Tensor2D,
  leak: Float64Array,
  rng: Rng,
  gramian?: Float64Array,
): { direction: tf.Tensor1D; weights: Float64Array } {
  const [taskCount, parameterCount] = jacobian.shape;
  const thresholds = new Float32Array(parameterCount);
  for (let p = 0; p < parameterCount; p++) thresholds[p] = 1 - 2 * rng.next();
  // Column sums as sums over axis 0: on wasm a product [1, T] × J would first pack all of J (≈3× slower).
  const leaky = leak.some((l) => l > 0);
  const column = (values: Float64Array) => tf.tensor2d(Float32Array.from(values), [taskCount, 1]);
  const [direction, stats] = tf.tidy(() => {
    const magnitudes = tf.abs(jacobian);
    const sums = tf.sum(jacobian, 0, true);
    const absoluteSums = tf.sum(magnitudes, 0, true);
    const halves = leaky ? tf.sum(tf.mul(jacobian, column(leak.map((l) => (1 + l) / 2))), 0, true) : tf.mul(sums, 0.5);
    const absoluteHalves = leaky
      ? tf.sum(tf.mul(magnitudes, column(leak.map((l) => (1 - l) / 2))), 0, true)
      : tf.mul(absoluteSums, 0.5);
    const score = tf.add(sums, tf.mul(tf.tensor2d(thresholds, [1, parameterCount], "float32"), absoluteSums));
    const sign = tf.sub(tf.mul(tf.step(score), 2), 1);
    const signedSquares = tf.matMul(tf.mul(jacobian, magnitudes), tf.reshape(sign, [parameterCount, 1]));
    const squares = gramian ? signedSquares : tf.concat([signedSquares, tf.sum(tf.square(jacobian), 1, true)], 1);
    return [tf.reshape(tf.add(halves, tf.mul(sign, absoluteHalves)), [-1]) as tf.Tensor1D, squares];
  });
  const values = stats.dataSync();
  stats.dispose();
  const weights = new Float64Array(taskCount).map((_, t) => {
    const norm = gramian ? (gramian[t * taskCount + t] as number) : (values[2 * t + 1] as number);
    const l = leak[t] as number;
    return norm > 0 ? l + ((1 - l) * 0.5 * (norm + (values[gramian ? t : 2 * t] as number))) / norm : 0;
  });
  return { direction, weights };
}
