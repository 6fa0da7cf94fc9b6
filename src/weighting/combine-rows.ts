/**
 * The update Σ_t w_t g_t from the row-major T×P matrix J and the task weights.
 *
 * @example
 * combineRows(new Float64Array([-4, 1, 1, 6, 1, 1]), new Float64Array([0.6, 0.4]), 2, 3); // [0, 1, 1]
 */
export function combineRows(
  jacobian: ArrayLike<number>,
  weights: ArrayLike<number>,
  taskCount: number,
  parameterCount: number,
): Float64Array {
  const direction = new Float64Array(parameterCount);
  for (let t = 0; t < taskCount; t++) {
    const w = weights[t] as number;
    if (w === 0) continue;
    const offset = t * parameterCount;
    for (let p = 0; p < parameterCount; p++)
      direction[p] = (direction[p] as number) + w * (jacobian[offset + p] as number);
  }
  return direction;
}
