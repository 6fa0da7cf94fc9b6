import { mtlError } from "../errors";

/**
 * The preference vector of a method for T tasks: the given one (checked for length T and finite
 * entries) or 1/T each.
 *
 * @example
 * preferenceWeights(undefined, 2, "upgrad"); // Float64Array [0.5, 0.5]
 */
export function preferenceWeights(
  preference: readonly number[] | undefined,
  taskCount: number,
  methodName: string,
): Float64Array {
  if (!preference) return new Float64Array(taskCount).fill(1 / taskCount);
  if (preference.length !== taskCount || !preference.every(Number.isFinite)) {
    throw mtlError({
      code: "bad-preference",
      message:
        `${methodName}'s preference has ${preference.length} entries [${preference.join(", ")}] but there ` +
        `are ${taskCount} tasks`,
      fix: `give ${taskCount} finite numbers, one per task, or omit it for 1/T each`,
    });
  }
  return Float64Array.from(preference);
}
