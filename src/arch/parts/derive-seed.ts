import { createRng } from "../../backend/random";

/**
 * A seed derived from `seed` and a path of integers or names (layer index, encoder name), so each
 * initialiser and each dropout layer gets its own stream from one model or step seed.
 *
 * @example
 * deriveSeed(1, 2) === deriveSeed(1, 2); // → true
 * deriveSeed(1, 2) === deriveSeed(1, 3); // → false
 */
export function deriveSeed(seed: number, ...path: readonly (number | string)[]): number {
  let value = Math.floor(seed) >>> 0;
  for (const part of path) value = createRng(value ^ partHash(part)).int(2147483647);
  return value;
}

function partHash(part: number | string): number {
  if (typeof part === "number") return Math.imul(Math.floor(part) + 1, 0x9e3779b1) >>> 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < part.length; i++) hash = Math.imul(hash ^ part.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
