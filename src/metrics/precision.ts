import { classCounts } from "./class-counts";

/**
 * Precision tp / (tp + fp) of the positive class (binary: class 1 against 0), or the macro average
 * over classes 0..classes−1 when `classes` is given. A class never predicted has precision 0 (as in
 * scikit-learn's zero_division=0).
 *
 * @example
 * precision([1, 0, 1, 0], [1, 1, 0, 0]); // → 0.5000 (one of the two predicted positives is right)
 */
export function precision(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes?: number): number {
  const counts = classCounts(labels, predicted, classes ?? 2);
  const ratio = (c: { tp: number; fp: number }): number => (c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp));
  if (classes === undefined) return ratio(counts[1] as { tp: number; fp: number });
  return counts.reduce((sum, c) => sum + ratio(c), 0) / classes;
}
