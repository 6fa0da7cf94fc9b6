import { createRng } from "../backend/random";
import { checkCount } from "./check-count";
import type { Column, Split } from "./types";

/** Options of {@link sampleSplit}. */
export interface SampleSplitOptions {
  /** Samples to keep (at most the split's size). */
  size: number;
  /** Fixes which samples are kept. Default 0. */
  seed?: number;
}

/**
 * A random subset of a split — every input, target and label mask cut to the same `size` samples,
 * in random order (seeded) — for fast runs on a large corpus.
 *
 * @example
 * const x = { values: Int32Array.from([0, 1, 2, 3]), shape: [], dtype: "int32" as const };
 * const split = { size: 4, inputs: { x }, targets: {} };
 * sampleSplit(split, { size: 2, seed: 1 }).inputs.x.values.length; // → 2
 */
export function sampleSplit(split: Split, options: SampleSplitOptions): Split {
  const size = Math.min(split.size, checkCount("sampleSplit", "size", options.size, 1, Number.MAX_SAFE_INTEGER));
  const order = Array.from(createRng(options.seed ?? 0).permutation(split.size)).slice(0, size);
  return takeSamples(split, order);
}

/** The samples at `indices`, in that order. */
function takeSamples(split: Split, indices: readonly number[]): Split {
  const take = (column: Column): Column => {
    const width = column.shape.reduce((a, b) => a * b, 1);
    const values = new (column.values.constructor as Float32ArrayConstructor | Int32ArrayConstructor)(
      indices.length * width,
    );
    indices.forEach((i, k) => values.set(column.values.subarray(i * width, (i + 1) * width), k * width));
    return { ...column, values };
  };
  const map = (columns: Record<string, Column>) =>
    Object.fromEntries(Object.entries(columns).map(([name, column]) => [name, take(column)]));
  const masks = split.masks
    ? Object.fromEntries(
        Object.entries(split.masks).map(([name, mask]) => [name, Uint8Array.from(indices, (i) => mask[i] as number)]),
      )
    : undefined;
  return { size: indices.length, inputs: map(split.inputs), targets: map(split.targets), ...(masks ? { masks } : {}) };
}
