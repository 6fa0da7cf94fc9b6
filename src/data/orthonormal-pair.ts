import type { Rng } from "../backend/random";

/**
 * Two random orthonormal vectors of dimension d (Gram–Schmidt on two Gaussian draws), the u1, u2
 * of Ma et al. (KDD 2018, §4.1, step 1).
 *
 * @example
 * const [u1, u2] = orthonormalPair(100, createRng(0));
 * u1.reduce((sum, value, i) => sum + value * u2[i], 0); // → 0.0000 (u1·u2)
 * u1.reduce((sum, value) => sum + value * value, 0); // → 1.0000 (|u1|²)
 */
export function orthonormalPair(d: number, rng: Rng): [Float64Array, Float64Array] {
  const u1 = unit(Float64Array.from({ length: d }, () => rng.normal()));
  const v = Float64Array.from({ length: d }, () => rng.normal());
  const along = dot(u1, v);
  for (let i = 0; i < d; i++) v[i] = (v[i] as number) - along * (u1[i] as number);
  return [u1, unit(v)];
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function unit(v: Float64Array): Float64Array {
  const norm = Math.sqrt(dot(v, v));
  return v.map((x) => x / norm);
}
