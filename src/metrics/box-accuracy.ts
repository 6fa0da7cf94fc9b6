import { boxIou } from "./box-iou";

/** Options of {@link boxAccuracy}. */
export interface BoxAccuracyOptions {
  /** IoU a predicted box needs to count as correct; default 0.5, the Pascal VOC criterion. */
  threshold?: number;
}

/**
 * Localisation accuracy: the fraction of N boxes (flat, 4 values each, [xMin, yMin, xMax, yMax])
 * whose IoU with the target box is at least the threshold (0.5, as in Pascal VOC; Everingham et
 * al. 2010, eq. 1).
 *
 * @example
 * // IoUs 1/7 and 1: one of two boxes reaches 0.5
 * boxAccuracy([0, 0, 2, 2, 0, 0, 1, 1], [1, 1, 3, 3, 0, 0, 1, 1]); // 0.5
 */
export function boxAccuracy(
  targets: ArrayLike<number>,
  predictions: ArrayLike<number>,
  options: BoxAccuracyOptions = {},
): number {
  const threshold = options.threshold ?? 0.5;
  const boxes = Math.floor(targets.length / 4);
  let hits = 0;
  for (let i = 0; i < boxes; i++) {
    const slice = (values: ArrayLike<number>): number[] => [0, 1, 2, 3].map((k) => values[4 * i + k] as number);
    if (boxIou(slice(targets), slice(predictions)) >= threshold) hits++;
  }
  return boxes === 0 ? Number.NaN : hits / boxes;
}
