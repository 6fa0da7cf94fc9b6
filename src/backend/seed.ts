import { createRng } from "./random";

const unseededRandom = Math.random;
let currentSeed: number | undefined;

/**
 * Makes everything random in tfjs reproducible: initialisers, dropout masks and `tf.random*`
 * calls without an explicit seed. tfjs draws the seed of every unseeded random op from
 * `Math.random`, so this replaces `Math.random` with a generator seeded by `seed`; mtlkit's own
 * data order and sampling take explicit seeds. Call it again to restart the sequence.
 *
 * @example
 * setSeed(7);
 * const a = tf.randomNormal([2]).arraySync();
 * setSeed(7);
 * const b = tf.randomNormal([2]).arraySync(); // equal to a
 */
export function setSeed(seed: number): void {
  const rng = createRng(seed);
  Math.random = rng.next;
  currentSeed = seed;
}

/**
 * Runs `fn` with `Math.random` replaced by a generator seeded by `seed` — so tfjs's unseeded random ops
 * inside it (initialisers, dropout masks) are reproducible — and puts the previous `Math.random` back
 * afterwards, even when `fn` throws. The trainer seeds every forward pass this way, so code outside it
 * (a notebook's own `Math.random`) never sees a swapped generator.
 *
 * @example
 * const a = withSeed(7, () => tf.tidy(() => tf.randomNormal([2]).arraySync()));
 * const b = withSeed(7, () => tf.tidy(() => tf.randomNormal([2]).arraySync()));
 * a[0] === b[0]; // → true
 * const random = Math.random;
 * withSeed(1, () => Math.random === random); // → false
 * Math.random === random; // → true
 */
export function withSeed<T>(seed: number, fn: () => T): T {
  const previousRandom = Math.random;
  const previousSeed = currentSeed;
  Math.random = createRng(seed).next;
  currentSeed = seed;
  try {
    return fn();
  } finally {
    Math.random = previousRandom;
    currentSeed = previousSeed;
  }
}

/** The seed last given to {@link setSeed}, or `undefined` when randomness is unseeded. */
export function getSeed(): number | undefined {
  return currentSeed;
}

/** Puts the platform's unseeded `Math.random` back. */
export function clearSeed(): void {
  Math.random = unseededRandom;
  currentSeed = undefined;
}
