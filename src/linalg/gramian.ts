/**
 * The T×T Gramian G = J Jᵀ of a row-major T×P matrix J, accumulated in float64.
 *
 * @example
 * gramian(new Float64Array([-4, 1, 1, 6, 1, 1]), 2, 3); // → [18, -22, -22, 38]
 */
export function gramian(jacobian: ArrayLike<number>, taskCount: number, parameterCount: number): Float64Array {
  const result = new Float64Array(taskCount * taskCount);
  for (let i = 0; i < taskCount; i++) {
    for (let j = i; j < taskCount; j++) {
      let sum = 0;
      const a = i * parameterCount;
      const b = j * parameterCount;
      for (let p = 0; p < parameterCount; p++) sum += (jacobian[a + p] as number) * (jacobian[b + p] as number);
      result[i * taskCount + j] = sum;
      result[j * taskCount + i] = sum;
    }
  }
  return result;
}
