let counter = 0;

/**
 * A variable name no other mtlkit variable has: tfjs refuses two variables with one name, and a
 * notebook builds the same architecture many times.
 *
 * @example
 * uniqueName("mmoe/expert0/kernel"); // "mmoe/expert0/kernel_1"
 */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter}`;
}
