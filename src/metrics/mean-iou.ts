/** Options of {@link meanIou}. */
export interface MeanIouOptions {
  /** Number of pixel classes (labels 0..classes−1); default 2, background and foreground. */
  classes?: number;
}

/**
 * Mean intersection over union of a segmentation: for each class c, IoU_c = TP / (TP + FP + FN)
 * counted over all pixels of all images (the confusion-matrix mIoU of Pascal VOC and Cityscapes,
 * as LibMTL computes it), averaged over the classes that occur in the targets or the predictions.
 *
 * @example
 * // foreground: TP 1, FN 1 → 1/2; background: TP 2, FP 1 → 2/3; mean (1/2 + 2/3) / 2 = 7/12
 * meanIou([1, 1, 0, 0], [1, 0, 0, 0]); // 0.5833
 */
export function meanIou(
  targets: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: MeanIouOptions = {},
): number {
  const classes = options.classes ?? 2;
  const intersection = new Float64Array(classes);
  const union = new Float64Array(classes);
  for (let i = 0; i < targets.length; i++) {
    const truth = Math.round(targets[i] as number);
    const guess = Math.round(predicted[i] as number);
    if (truth === guess) {
      intersection[truth] = (intersection[truth] as number) + 1;
      union[truth] = (union[truth] as number) + 1;
    } else {
      union[truth] = (union[truth] as number) + 1;
      union[guess] = (union[guess] as number) + 1;
    }
  }
  let sum = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    if ((union[c] as number) === 0) continue;
    sum += (intersection[c] as number) / (union[c] as number);
    present++;
  }
  return present === 0 ? Number.NaN : sum / present;
}
