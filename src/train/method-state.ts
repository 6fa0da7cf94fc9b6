import type { StateValue, WeightingMethod } from "../weighting/types";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A weighting method's declared `state` (DWA's loss history, GradNorm's weights, FAMO's logits…) as
 * JSON, with Float64Arrays tagged so they come back as Float64Arrays; undefined when the method has
 * no `state`. Numbers survive exactly (JSON keeps every double).
 *
 * @example
 * const method = dwa();
 * method.endEpoch!(0, new Float64Array([0.9, 1.2]));
 * methodState(method); // → { previous: { float64: [0.9, 1.2] } }
 */
export function methodState(method: WeightingMethod): Json | undefined {
  return method.state === undefined ? undefined : encode(method.state);
}

/**
 * Puts a state saved by {@link methodState} back into a fresh method of the same kind, in place.
 *
 * @example
 * const method = dwa();
 * restoreMethodState(method, { previous: { float64: [0.9, 1.2] } });
 * method.state.previous; // → [0.9, 1.2]
 */
export function restoreMethodState(method: WeightingMethod, saved: Json | undefined): void {
  const state = method.state;
  if (saved === undefined || saved === null || state === undefined) return;
  Object.assign(state, decode(saved));
}

function encode(value: StateValue): Json {
  if (value instanceof Float64Array) return { float64: Array.from(value) };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function");
    return Object.fromEntries(entries.map(([k, v]) => [k, encode(v as StateValue)]));
  }
  return value as Json;
}

function decode(value: Json): StateValue {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    const tagged = value.float64;
    if (Object.keys(value).length === 1 && Array.isArray(tagged)) return Float64Array.from(tagged as number[]);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}
