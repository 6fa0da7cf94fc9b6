/**
 * Cuts a speech into passages of whole sentences with at least `words` words each (the last,
 * shorter remainder is appended to the previous passage); the SOTU texts have no paragraph
 * breaks, so these passages stand in for paragraphs.
 *
 * @example
 * splitPassages("One two three. Four five six. Seven.", 3); // → ["One two three.", "Four five six. Seven."]
 */
export function splitPassages(text: string, words: number): string[] {
  const sentences = text.match(/[^.!?]+(?:[.!?]+["'”’)\]]*|$)/g) ?? [];
  const passages: string[] = [];
  let current: string[] = [];
  let count = 0;
  for (const sentence of sentences) {
    const trimmed = sentence.trim();
    if (trimmed === "") continue;
    current.push(trimmed);
    count += wordCount(trimmed);
    if (count >= words) {
      passages.push(current.join(" "));
      current = [];
      count = 0;
    }
  }
  if (current.length > 0) {
    if (passages.length > 0 && count < words / 2) passages[passages.length - 1] += ` ${current.join(" ")}`;
    else passages.push(current.join(" "));
  }
  return passages;
}

function wordCount(sentence: string): number {
  let count = 1;
  for (let i = 1; i < sentence.length; i++)
    if (sentence.charCodeAt(i) === 32 && sentence.charCodeAt(i - 1) !== 32) count++;
  return count;
}
