/**
 * Solves A x = b for a small square row-major A by Gaussian elimination with partial pivoting;
 * returns undefined when A is singular to working precision (a pivot below 1e-14 of the largest entry).
 *
 * @example
 * solveLinear(new Float64Array([2, 0, 0, 4]), new Float64Array([2, 8]), 2); // → [1.0000, 2.0000]
 */
export function solveLinear(matrix: Float64Array, rhs: ArrayLike<number>, n: number): Float64Array | undefined {
  const a = Float64Array.from(matrix);
  const x = Float64Array.from(rhs);
  let scale = 0;
  for (const value of a) scale = Math.max(scale, Math.abs(value));
  if (scale === 0) return n === 0 ? x : undefined;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(a[row * n + col] as number) > Math.abs(a[pivot * n + col] as number)) pivot = row;
    }
    if (Math.abs(a[pivot * n + col] as number) <= 1e-14 * scale) return undefined;
    if (pivot !== col) swapRows(a, x, n, pivot, col);
    eliminateBelow(a, x, n, col);
  }
  for (let row = n - 1; row >= 0; row--) {
    let sum = x[row] as number;
    for (let col = row + 1; col < n; col++) sum -= (a[row * n + col] as number) * (x[col] as number);
    x[row] = sum / (a[row * n + row] as number);
  }
  return x;
}

function swapRows(a: Float64Array, x: Float64Array, n: number, r1: number, r2: number): void {
  for (let k = 0; k < n; k++) {
    const held = a[r1 * n + k] as number;
    a[r1 * n + k] = a[r2 * n + k] as number;
    a[r2 * n + k] = held;
  }
  const held = x[r1] as number;
  x[r1] = x[r2] as number;
  x[r2] = held;
}

function eliminateBelow(a: Float64Array, x: Float64Array, n: number, col: number): void {
  const pivot = a[col * n + col] as number;
  for (let row = col + 1; row < n; row++) {
    const factor = (a[row * n + col] as number) / pivot;
    if (factor === 0) continue;
    for (let k = col; k < n; k++) a[row * n + k] = (a[row * n + k] as number) - factor * (a[col * n + k] as number);
    x[row] = (x[row] as number) - factor * (x[col] as number);
  }
}
