import { classCounts } from "./class-counts";

/**
 * Recall tp / (tp + fn) of the positive class (binary: class 1 against 0), or the macro average
 * over classes 0..classes−1 when `classes` is given. A class absent from the labels has recall 0.
 *
 * @example
 * recall([1, 1, 1, 0], [1, 0, 0, 0]); // → 0.3333 (1/3)
 */
export function recall(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes?: number): number {
  const counts = classCounts(labels, predicted, classes ?? 2);
  const ratio = (c: { tp: number; fn: number }): number => (c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn));
  if (classes === undefined) return ratio(counts[1] as { tp: number; fn: number });
  return counts.reduce((sum, c) => sum + ratio(c), 0) / classes;
}
