/**
 * Root mean squared error over all values: √(mean (y − ŷ)²).
 *
 * @example
 * rmse([0, 0], [3, 4]); // → 3.5355 (√12.5)
 */
export function rmse(targets: ArrayLike<number>, predictions: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < targets.length; i++) sum += ((targets[i] as number) - (predictions[i] as number)) ** 2;
  return targets.length === 0 ? Number.NaN : Math.sqrt(sum / targets.length);
}
