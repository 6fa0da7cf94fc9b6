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

/** The seed last given to {@link setSeed}, or `undefined` when randomness is unseeded. */
export function getSeed(): number | undefined {
  return currentSeed;
}

/** Puts the platform's unseeded `Math.random` back. */
export function clearSeed(): void {
  Math.random = unseededRandom;
  currentSeed = undefined;
}
