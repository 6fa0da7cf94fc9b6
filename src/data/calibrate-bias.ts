/**
 * The bias b for which the mean of σ(z + b) over the given logits equals `target` (bisection on
 * [−30, 30]; the mean is increasing in b), used to hit a requested click or conversion rate.
 *
 * @example
 * calibrateBias(Float64Array.from([0, 0]), 0.5); // → 0.0000
 */
export function calibrateBias(z: Float64Array, target: number): number {
  let low = -30;
  let high = 30;
  for (let step = 0; step < 60; step++) {
    const mid = (low + high) / 2;
    let mean = 0;
    for (const value of z) mean += sigmoid(value + mid);
    if (mean / z.length < target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * The logistic function 1 / (1 + e^(−z)).
 *
 * @example
 * sigmoid(0); // → 0.5000
 */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
