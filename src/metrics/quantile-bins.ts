import { mtlError } from "../errors";

/**
 * Assigns each sample to one of `bins` equal-count bins by the rank of its key (bin 0 holds the
 * smallest keys), for reading a model's error along a covariate — e.g. CVR bias by pCTR quintile.
 * Ties are broken by position, so the bins stay equal in size.
 *
 * @example
 * Array.from(quantileBins([0.9, 0.1, 0.5, 0.3], 2)); // → [1, 0, 1, 0]
 */
export function quantileBins(keys: ArrayLike<number>, bins: number): Int32Array {
  if (!Number.isInteger(bins) || bins < 1) {
    throw mtlError({
      code: "bad-option",
      message: `quantileBins needs a whole number of bins ≥ 1; got ${bins}`,
      fix: "use e.g. 5 for quintiles",
    });
  }
  const order = Array.from({ length: keys.length }, (_, i) => i);
  for (const i of order) {
    if (!Number.isFinite(keys[i])) {
      throw mtlError({
        code: "bad-value",
        message: `quantileBins: key ${i} is ${keys[i]}, expected a finite number`,
        fix: "remove or impute non-finite keys before binning",
      });
    }
  }
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  const bin = new Int32Array(keys.length);
  order.forEach((sample, rank) => (bin[sample] = Math.floor((rank * bins) / keys.length)));
  return bin;
}
