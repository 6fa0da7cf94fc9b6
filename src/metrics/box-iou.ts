/**
 * Intersection over union of two boxes [xMin, yMin, xMax, yMax]: area(A ∩ B) / area(A ∪ B); 0 when
 * they do not overlap (a box with min > max counts as empty).
 *
 * @example
 * boxIou([0, 0, 2, 2], [1, 1, 3, 3]); // → 0.1429 (1/7)
 */
export function boxIou(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const area = (box: ArrayLike<number>): number =>
    Math.max(0, (box[2] as number) - (box[0] as number)) * Math.max(0, (box[3] as number) - (box[1] as number));
  const overlap = [
    Math.max(a[0] as number, b[0] as number),
    Math.max(a[1] as number, b[1] as number),
    Math.min(a[2] as number, b[2] as number),
    Math.min(a[3] as number, b[3] as number),
  ];
  const intersection = area(overlap);
  const union = area(a) + area(b) - intersection;
  return union > 0 ? intersection / union : 0;
}

/**
 * Mean IoU over N boxes stored flat (4 values per box), targets against predictions.
 *
 * @example
 * meanBoxIou([0, 0, 2, 2, 0, 0, 1, 1], [1, 1, 3, 3, 0, 0, 1, 1]); // → 0.5714 ((1/7 + 1) / 2)
 */
export function meanBoxIou(targets: ArrayLike<number>, predictions: ArrayLike<number>): number {
  const boxes = Math.floor(targets.length / 4);
  let sum = 0;
  for (let i = 0; i < boxes; i++) {
    const slice = (values: ArrayLike<number>): number[] => [0, 1, 2, 3].map((k) => values[4 * i + k] as number);
    sum += boxIou(slice(targets), slice(predictions));
  }
  return boxes === 0 ? Number.NaN : sum / boxes;
}
