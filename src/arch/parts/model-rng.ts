import { createRng, type Rng } from "../../backend/random";
import { drawSeed } from "./draw-seed";

/**
 * The seeded generator an architecture initialises its weights from, and the seed it used: the
 * `seed` option when given, else one drawn from `Math.random` (which `setSeed` makes reproducible).
 *
 * @example
 * const { rng, seed } = modelRng(3); // seed === 3; same weights on every run
 */
export function modelRng(seed?: number): { rng: Rng; seed: number } {
  const used = seed ?? drawSeed();
  return { rng: createRng(used), seed: used };
}
