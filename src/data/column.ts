import type { Column } from "./types";

/**
 * Wraps per-sample float values (stored flat, sample after sample) as a {@link Column}.
 *
 * @example
 * floatColumn(new Float32Array(6), [3]).shape; // → [3] (two samples of width 3)
 */
export function floatColumn(values: Float32Array, shape: number[]): Column {
  return { values, shape, dtype: "float32" };
}

/**
 * Wraps per-sample integer values (class indices, ids, token ids) as a {@link Column}.
 *
 * @example
 * intColumn(Int32Array.from([3, 7]), []).dtype; // → "int32"
 */
export function intColumn(values: Int32Array, shape: number[]): Column {
  return { values, shape, dtype: "int32" };
}
