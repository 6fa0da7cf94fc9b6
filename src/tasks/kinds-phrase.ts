import type { TaskKind } from "./types";

/**
 * Names one or more task kinds for an error message.
 *
 * @example
 * kindsPhrase(["binary", "multilabel"]); // → 'kind "binary" or "multilabel"'
 */
export function kindsPhrase(kinds: readonly TaskKind[]): string {
  const quoted = kinds.map((kind) => JSON.stringify(kind));
  const tail = quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}` : quoted[0];
  return `kind ${tail}`;
}
