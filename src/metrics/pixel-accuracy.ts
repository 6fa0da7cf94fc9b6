/**
 * Pixel accuracy: the fraction of pixels whose predicted label equals the target's, over all
 * pixels of all masks (flat, any number of images).
 *
 * @example
 * pixelAccuracy([1, 1, 0, 0], [1, 0, 0, 0]); // 0.75
 */
export function pixelAccuracy(targets: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < targets.length; i++)
    if (Math.round(targets[i] as number) === Math.round(predicted[i] as number)) correct++;
  return targets.length === 0 ? Number.NaN : correct / targets.length;
}
