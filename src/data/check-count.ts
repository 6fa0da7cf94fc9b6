import { mtlError } from "../errors";

/**
 * Checks that an option is a whole number in [min, max] and returns it, failing with code
 * `bad-option` otherwise (the message names the dataset and the option).
 *
 * @example
 * checkCount("multimnist", "train", 3000, 1, 60000); // → 3000
 */
export function checkCount(dataset: string, option: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw mtlError({
      code: "bad-option",
      message: `dataset "${dataset}": option "${option}" must be a whole number in [${min}, ${max}], got ${value}`,
      fix: `pass ${option} between ${min} and ${max}`,
    });
  }
  return value;
}
