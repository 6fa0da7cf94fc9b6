import type { WeightingMethod } from "../weighting/types";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A weighting method's explicit `state` (DWA's loss history, GradNorm's weights, FAMO's logits…) as
 * JSON, with Float64Arrays tagged so they come back as Float64Arrays; undefined when the method has
 * no `state`. Numbers survive exactly (JSON keeps every double).
 *
 * @example
 * methodState(dwa()); // { } before any epoch; { previous: { float64: [0.9, 1.2] }, ... } later
 */
export function methodState(method: WeightingMethod): Json | undefined {
  const state = (method as { state?: unknown }).state;
  return state !== null && typeof state === "object" ? encode(state) : undefined;
}

/**
 * Puts a state saved by {@link methodState} back into a fresh method of the same kind, in place.
 *
 * @example
 * restoreMethodState(dwa(), saved);
 */
export function restoreMethodState(method: WeightingMethod, saved: Json | undefined): void {
  const state = (method as { state?: unknown }).state;
  if (saved === undefined || saved === null || state === null || typeof state !== "object") return;
  Object.assign(state, decode(saved));
}

function encode(value: unknown): Json {
  if (value instanceof Float64Array || value instanceof Float32Array) return { float64: Array.from(value) };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function");
    return Object.fromEntries(entries.map(([k, v]) => [k, encode(v)]));
  }
  return value as Json;
}

function decode(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    const tagged = value.float64;
    if (Object.keys(value).length === 1 && Array.isArray(tagged)) return Float64Array.from(tagged as number[]);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}
