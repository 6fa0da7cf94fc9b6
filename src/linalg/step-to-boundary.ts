/**
 * The ratio test of active-set methods: moves x[i] (i in `indices`) toward `target[k]` by the largest
 * step in [0, 1] that keeps every coordinate non-negative, in place, and returns that step. A step
 * below 1 means some coordinate reached zero and the caller drops it from its active set.
 *
 * @example
 * const x = new Float64Array([0.5, 0.5]);
 * stepToBoundary(x, [0, 1], [1.5, -0.5]); // → 0.5000
 * x; // → [1.0000, 0.0000]
 */
export function stepToBoundary(x: Float64Array, indices: readonly number[], target: ArrayLike<number>): number {
  let step = 1;
  indices.forEach((i, k) => {
    const goal = target[k] as number;
    if (goal > 0) return;
    const gap = (x[i] as number) - goal;
    step = gap > 0 ? Math.min(step, (x[i] as number) / gap) : 0;
  });
  indices.forEach((i, k) => {
    x[i] = (x[i] as number) + step * ((target[k] as number) - (x[i] as number));
  });
  return step;
}
