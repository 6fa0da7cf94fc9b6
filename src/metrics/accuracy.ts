/**
 * Fraction of predictions equal to the labels (class indices, or 0/1 bits for binary and
 * multilabel tasks); NaN when there are no samples.
 *
 * @example
 * accuracy([0, 1, 2, 1], [0, 2, 2, 1]); // → 0.7500
 */
export function accuracy(labels: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) correct++;
  return labels.length === 0 ? Number.NaN : correct / labels.length;
}
