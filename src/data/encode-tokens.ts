/**
 * Maps tokens to vocabulary ids, cut to `maxLength` (keeping the start) and padded with 0
 * (`<pad>`); unknown words get id 1 (`<unk>`).
 *
 * @example
 * encodeTokens(["a", "zebra"], new Map([["a", 2]]), 4); // → [2, 1, 0, 0]
 */
export function encodeTokens(
  tokens: readonly string[],
  index: ReadonlyMap<string, number>,
  maxLength: number,
): Int32Array {
  const ids = new Int32Array(maxLength);
  const length = Math.min(tokens.length, maxLength);
  for (let i = 0; i < length; i++) ids[i] = index.get(tokens[i] as string) ?? 1;
  return ids;
}
