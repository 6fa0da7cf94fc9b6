import { classCounts } from "./class-counts";

/**
 * Macro-F1: the unweighted mean over classes of F1 = 2tp / (2tp + fp + fn); a class with no
 * labels and no predictions counts as F1 = 0 (scikit-learn's zero_division=0).
 *
 * @example
 * macroF1([0, 0, 1, 1], [0, 1, 1, 1], 2); // → 0.7333 ((2/3 + 4/5) / 2)
 */
export function macroF1(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number {
  const counts = classCounts(labels, predicted, classes);
  const f1 = counts.map((c) => (2 * c.tp + c.fp + c.fn === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn)));
  return f1.reduce((a, b) => a + b, 0) / classes;
}
