import { knownNames, mtlError } from "./errors";

/**
 * Every option name of an options type `T`, as a compile-checked list: the record must name each
 * key of `T` (optional ones included) and nothing else, so the list cannot drift from the type.
 *
 * @example
 * optionNames<{ seed?: number; hidden?: number[] }>({ seed: true, hidden: true }); // → ["seed", "hidden"]
 */
export function optionNames<T>(names: { readonly [K in keyof Required<T>]: true }): readonly string[] {
  return Object.keys(names);
}

/**
 * Throws `unknown-option` when `options` (from plain JavaScript, where the compiler does not catch a
 * typo such as `hiden`) has a key that `functionName` does not read; the message names the option,
 * the function and lists the known options. `undefined` options pass.
 *
 * @example
 * checkOptions("mlp", { inputShape: [4] }, ["inputShape", "hidden"]); // → undefined
 * // checkOptions("mlp", { hiden: [8] }, ["inputShape", "hidden"]) throws MtlError "unknown-option":
 * // 'mlp got unknown option "hiden"; use only "inputShape", "hidden" (names are case-sensitive).'
 */
export function checkOptions(functionName: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined || options === null) return;
  const unknown = Object.keys(options).filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  throw mtlError({
    code: "unknown-option",
    message: `${functionName} got unknown option${unknown.length > 1 ? "s" : ""} ${knownNames(unknown)}`,
    fix: `use only ${knownNames(known)} (names are case-sensitive)`,
  });
}

/**
 * Throws `bad-option` unless `value` is one of `choices`, naming the function, the option and the choices —
 * the check every string-valued option with a fixed set of values needs.
 */
export function checkChoice<T extends string>(
  functionName: string,
  option: string,
  value: T,
  choices: readonly T[],
): void {
  if (choices.includes(value)) return;
  throw mtlError({
    code: "bad-option",
    message: `${functionName} option "${option}" is "${value}"`,
    fix: `use one of ${knownNames(choices)}`,
  });
}
