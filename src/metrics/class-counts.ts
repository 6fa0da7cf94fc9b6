/** True positives, false positives and false negatives of one class. */
export interface ClassCounts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * One-vs-rest counts for every class 0..classes−1 from label and predicted class indices.
 *
 * @example
 * classCounts([1, 0, 1], [1, 1, 0], 2)[1]; // → { tp: 1, fp: 1, fn: 1 }
 */
export function classCounts(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): ClassCounts[] {
  const counts = Array.from({ length: classes }, () => ({ tp: 0, fp: 0, fn: 0 }));
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    const guess = predicted[i] as number;
    if (label === guess) {
      if (counts[label]) counts[label].tp++;
    } else {
      if (counts[guess]) counts[guess].fp++;
      if (counts[label]) counts[label].fn++;
    }
  }
  return counts;
}
