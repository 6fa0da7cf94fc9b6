import { createRng, type Rng } from "../backend/random";
import { checkCount } from "./check-count";
import type { Split } from "./types";

/** Sample counts of a generated dataset. */
export interface GeneratedSizes {
  /** Training samples. Default 4000. */
  train?: number;
  /** Validation samples. Default 1000. */
  validation?: number;
  /** Test samples. Default 1000. */
  test?: number;
}

/** A generator's fixed parameters and its three splits. */
export interface Generated<P> {
  params: P;
  train: Split;
  validation: Split;
  test: Split;
}

/**
 * Draws a generator's fixed parameters with `setup`, then its train, validation and test splits
 * with `make`, each from its own generator forked from `seed` (so one split's size does not
 * change the others).
 *
 * @example
 * const makeSplit = (count: number, rng: Rng, mean: number): Split => ({
 *   size: count,
 *   inputs: { x: floatColumn(Float32Array.from({ length: count }, () => mean + rng.normal()), []) },
 *   targets: {},
 * });
 * const { train, test } = generatedSplits("toy", 0, { train: 10, test: 5 }, (rng) => rng.normal(), makeSplit);
 * [train.size, test.size]; // → [10, 5]
 */
export function generatedSplits<P>(
  name: string,
  seed: number,
  sizes: GeneratedSizes,
  setup: (rng: Rng) => P,
  make: (count: number, rng: Rng, params: P) => Split,
): Generated<P> {
  const rng = createRng(seed);
  const forks = [rng.fork(), rng.fork(), rng.fork(), rng.fork()] as const;
  const train = checkCount(name, "train", sizes.train ?? 4000, 1, 10_000_000);
  const validation = checkCount(name, "validation", sizes.validation ?? 1000, 0, 10_000_000);
  const test = checkCount(name, "test", sizes.test ?? 1000, 0, 10_000_000);
  const params = setup(forks[0]);
  return {
    params,
    train: make(train, forks[1], params),
    validation: make(validation, forks[2], params),
    test: make(test, forks[3], params),
  };
}
