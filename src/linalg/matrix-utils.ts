/** y = A x for a row-major n×n matrix A. */
export function matVec(matrix: Float64Array, vector: ArrayLike<number>, n: number): Float64Array {
  const result = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (matrix[i * n + j] as number) * (vector[j] as number);
    result[i] = sum;
  }
  return result;
}

/** xᵀ y. */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] as number) * (y[i] as number);
  return sum;
}

/** xᵀ A x for a row-major n×n matrix A. */
export function quadraticForm(matrix: Float64Array, vector: ArrayLike<number>, n: number): number {
  return dot(vector, matVec(matrix, vector, n));
}

/** The trace of a row-major n×n matrix. */
export function trace(matrix: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += matrix[i * n + i] as number;
  return sum;
}

/** The largest absolute diagonal entry; the natural scale of a Gramian. */
export function maxDiagonal(matrix: Float64Array, n: number): number {
  let result = 0;
  for (let i = 0; i < n; i++) result = Math.max(result, Math.abs(matrix[i * n + i] as number));
  return result;
}

/** A vector of length n filled with `value`. */
export function filled(n: number, value: number): Float64Array {
  return new Float64Array(n).fill(value);
}

/** The principal submatrix of A on `indices`. */
export function submatrix(matrix: Float64Array, n: number, indices: readonly number[]): Float64Array {
  const k = indices.length;
  const result = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++)
      result[a * k + b] = matrix[(indices[a] as number) * n + (indices[b] as number)] as number;
  }
  return result;
}
