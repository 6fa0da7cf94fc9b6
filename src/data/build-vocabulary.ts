/** Index 0 of every vocabulary: padding. */
export const padToken = "<pad>";
/** Index 1 of every vocabulary: any word not in the vocabulary. */
export const unknownToken = "<unk>";

/** Options of {@link buildVocabulary}. */
export interface VocabularyOptions {
  /** Total entries, including `<pad>` and `<unk>`. */
  size: number;
  /** Words seen fewer times are left out. */
  minCount: number;
}

/**
 * Builds a vocabulary from tokenised training texts: `<pad>`, `<unk>`, then the most frequent
 * words (ties broken alphabetically, so it is deterministic) seen at least `minCount` times.
 *
 * @example
 * buildVocabulary([["a", "b", "a"]], { size: 3, minCount: 1 }); // → ["<pad>", "<unk>", "a"]
 */
export function buildVocabulary(texts: readonly (readonly string[])[], options: VocabularyOptions): string[] {
  const counts = new Map<string, number>();
  for (const tokens of texts) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const words = [...counts.entries()]
    .filter(([, count]) => count >= options.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(0, options.size - 2))
    .map(([word]) => word);
  return [padToken, unknownToken, ...words];
}
