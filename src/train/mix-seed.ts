/**
 * Derives a 32-bit seed from a run seed and integers (epoch, step, purpose), so every random draw
 * of a run is a pure function of its position — which is what makes resuming exact.
 *
 * @example
 * mixSeed(0, 3, 1) === mixSeed(0, 3, 1); // true, and differs from mixSeed(0, 3, 2)
 */
export function mixSeed(seed: number, ...parts: number[]): number {
  let h = Math.floor(seed) ^ 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ Math.floor(part), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}
