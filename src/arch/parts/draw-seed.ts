/**
 * A fresh 32-bit seed from `Math.random`, for when the user gives none (so `setSeed` still fixes it).
 *
 * @example
 * Number.isInteger(drawSeed()); // → true
 */
export function drawSeed(): number {
  return Math.floor(Math.random() * 4294967296);
}
