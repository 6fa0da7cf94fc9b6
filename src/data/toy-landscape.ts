import * as tf from "@tensorflow/tfjs-core";

/** Options of the toy landscape. */
export interface ToyLandscapeOptions {
  /** Multiplies task 1's loss (the Nash-MTL paper uses 0.1). Default 1 (the CAGrad paper). */
  scale?: number;
}

/** Where the log terms are clamped, as in both papers' code. */
const LOWER = 0.000005;

/**
 * The start points: the CAGrad paper's three (its toy.py) and the Nash-MTL paper's five (experiments/toy/trainer.py).
 */
export const toyStarts = {
  cagrad: [
    [-8.5, 7.5],
    [-8.5, -5],
    [9, 9],
  ] as const,
  nashMtl: [
    [-8.5, 7.5],
    [0, 0],
    [9, 9],
    [-7.5, -0.5],
    [9, -1],
  ] as const,
};

/** The minimiser of the average loss (scale 1), ≈ (0, −8.3552) per the CAGrad code's plots. */
export const toyAverageMinimum = [0, -8.3552] as const;

/**
 * The two task losses of the CAGrad (Liu et al. 2021, Fig. 1 / toy.py) and Nash-MTL (Navon et al. 2022,
 * §6.1) toy problem as differentiable tfjs functions of x = [x1, x2]: two log-valleys for x2 > 0 that
 * blend into two quadratic bowls with minima near (±7, −8.355) for x2 < 0.
 *
 * @example
 * const [l1, l2] = toyLosses(tf.tensor1d([0, -8.3552]));
 * [l1.arraySync(), l2.arraySync()]; // → [-15.09, -15.09]
 */
export function toyLosses(x: tf.Tensor1D, options: ToyLandscapeOptions = {}): [tf.Scalar, tf.Scalar] {
  const scale = options.scale ?? 1;
  return tf.tidy(() => {
    const [x1, x2] = tf.unstack(x) as [tf.Scalar, tf.Scalar];
    const th = tf.tanh(x2);
    const u1 = tf.add(tf.mul(-0.5, x1), tf.sub(th, 3.5));
    const u2 = tf.sub(tf.add(tf.mul(-0.5, x1), 3.5), th);
    const log1 = tf.add(tf.log(tf.maximum(tf.abs(u1), LOWER)), 6);
    const log2 = tf.add(tf.log(tf.maximum(tf.abs(u2), LOWER)), 6);
    const c1 = tf.maximum(tf.tanh(tf.mul(x2, 0.5)), 0);
    const c2 = tf.maximum(tf.tanh(tf.mul(x2, -0.5)), 0);
    const tail = tf.mul(0.01, tf.square(tf.add(x2, 8)));
    const sq1 = tf.sub(tf.add(tf.div(tf.square(tf.sub(x1, 7)), 10), tail), 20);
    const sq2 = tf.sub(tf.add(tf.div(tf.square(tf.add(x1, 7)), 10), tail), 20);
    const f1 = tf.mul(scale, tf.add(tf.mul(log1, c1), tf.mul(sq1, c2))) as tf.Scalar;
    const f2 = tf.add(tf.mul(log2, c1), tf.mul(sq2, c2)) as tf.Scalar;
    return [f1, f2];
  });
}

/**
 * The toy losses and their exact gradients in closed form (no tensors), for fast trajectories.
 * `gradients` is row-major 2×2: row t is ∇L_t.
 *
 * @example
 * toyLossAndGradients(0, -8.3552).losses; // → [-15.0916, -15.0916]
 */
export function toyLossAndGradients(x1: number, x2: number, options: ToyLandscapeOptions = {}) {
  const scale = options.scale ?? 1;
  const th = Math.tanh(x2);
  const dth = 1 - th * th;
  const half = Math.tanh(x2 / 2);
  const dhalf = 0.5 * (1 - half * half);
  const c1 = Math.max(half, 0);
  const c2 = Math.max(-half, 0);
  // torch's clamp passes the gradient at the bound, so at x2 = 0 both factors have slope ±½ (the
  // Nash-MTL start (0, 0) moves only because of this); tf.maximum does the same.
  const dc1 = half >= 0 ? dhalf : 0;
  const dc2 = half <= 0 ? -dhalf : 0;
  const logTerm = (u: number, du2: number) => {
    const live = Math.abs(u) >= LOWER;
    return { value: Math.log(Math.max(Math.abs(u), LOWER)) + 6, d1: live ? -0.5 / u : 0, d2: live ? du2 / u : 0 };
  };
  const tail = 0.01 * (x2 + 8) ** 2;
  const parts = [
    { log: logTerm(-0.5 * x1 - 3.5 + th, dth), sq: (x1 - 7) ** 2 / 10 + tail - 20, sq1: (x1 - 7) / 5, factor: scale },
    { log: logTerm(-0.5 * x1 + 3.5 - th, -dth), sq: (x1 + 7) ** 2 / 10 + tail - 20, sq1: (x1 + 7) / 5, factor: 1 },
  ];
  const losses = new Float64Array(2);
  const gradients = new Float64Array(4);
  parts.forEach((p, t) => {
    losses[t] = p.factor * (p.log.value * c1 + p.sq * c2);
    gradients[2 * t] = p.factor * (p.log.d1 * c1 + p.sq1 * c2);
    gradients[2 * t + 1] = p.factor * (p.log.d2 * c1 + p.log.value * dc1 + 0.02 * (x2 + 8) * c2 + p.sq * dc2);
  });
  return { losses, gradients };
}
