/** The token every word containing a digit becomes (so that years written in a speech cannot leak its date). */
export const numberToken = "<num>";

/**
 * Splits text into lower-case word tokens (letters and digits, inner apostrophes kept); any token
 * with a digit becomes {@link numberToken}.
 *
 * @example
 * tokenize("In 1862, the Union's army..."); // → ["in", "<num>", "the", "union's", "army"]
 */
export function tokenize(text: string): string[] {
  const words =
    text
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[a-z0-9]+(?:'[a-z]+)*/g) ?? [];
  for (let i = 0; i < words.length; i++) if (hasDigit(words[i] as string)) words[i] = numberToken;
  return words;
}

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}
