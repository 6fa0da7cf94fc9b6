/**
 * Mean absolute error over all values: mean |y − ŷ|.
 *
 * @example
 * meanAbsoluteError([0, 0], [3, -4]); // → 3.5000
 */
export function meanAbsoluteError(targets: ArrayLike<number>, predictions: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < targets.length; i++) sum += Math.abs((targets[i] as number) - (predictions[i] as number));
  return targets.length === 0 ? Number.NaN : sum / targets.length;
}
