import { padToken, unknownToken } from "./build-vocabulary";
import { cachedSource } from "./data-cache";
import type { Speech } from "./read-sotu";
import { splitPassages } from "./split-passages";
import { tokenize } from "./tokenize";

/** One passage: its speech, its text and its tokens as corpus-wide word ids. */
export interface Passage {
  speech: Speech;
  text: string;
  words: Int32Array;
}

/** Every SOTU passage, tokenised once, with the corpus-wide word list its ids index. */
export interface SotuCorpus {
  words: string[];
  wordIds: Map<string, number>;
  passages: Map<Speech, Passage[]>;
}

/** A vocabulary over a corpus: its tokens and, per corpus word id, the vocabulary id (1 = `<unk>`). */
export interface CorpusVocabulary {
  tokens: string[];
  lookup: Int32Array;
}

/**
 * Cuts every speech into passages and tokenises them once per process (per passage length),
 * storing tokens as integer ids so that vocabularies and encodings are cheap to rebuild per seed.
 *
 * @example
 * sotuCorpus(readSotu(), 80).words.length; // → 24093 (distinct words in the whole corpus)
 */
export function sotuCorpus(speeches: readonly Speech[], passageWords: number): SotuCorpus {
  return cachedSource(`sotu:corpus:${passageWords}`, () => {
    const words: string[] = [];
    const wordIds = new Map<string, number>();
    const idOf = (word: string) => {
      let id = wordIds.get(word);
      if (id === undefined) {
        id = words.push(word) - 1;
        wordIds.set(word, id);
      }
      return id;
    };
    const passages = new Map(
      speeches.map((speech) => [
        speech,
        splitPassages(speech.text, passageWords).map((text) => ({
          speech,
          text,
          words: Int32Array.from(tokenize(text), idOf),
        })),
      ]),
    );
    return { words, wordIds, passages };
  });
}

/**
 * The vocabulary of some passages: `<pad>`, `<unk>`, then the most frequent words (ties
 * alphabetical) seen at least `minCount` times — the same list {@link buildVocabulary} gives.
 *
 * @example
 * const corpus = sotuCorpus(readSotu(), 80);
 * const passages = [...corpus.passages.values()].flat();
 * corpusVocabulary(corpus, passages, 5000, 2).tokens.slice(0, 3); // → ["<pad>", "<unk>", "the"]
 */
export function corpusVocabulary(
  corpus: SotuCorpus,
  passages: readonly Passage[],
  size: number,
  minCount: number,
): CorpusVocabulary {
  const counts = new Int32Array(corpus.words.length);
  for (const passage of passages) for (const id of passage.words) counts[id] = (counts[id] as number) + 1;
  const kept: number[] = [];
  counts.forEach((count, id) => {
    if (count >= minCount) kept.push(id);
  });
  const byWord = (a: number, b: number) => ((corpus.words[a] as string) < (corpus.words[b] as string) ? -1 : 1);
  kept.sort((a, b) => (counts[b] as number) - (counts[a] as number) || byWord(a, b));
  const chosen = kept.slice(0, Math.max(0, size - 2));
  const lookup = new Int32Array(corpus.words.length).fill(1);
  chosen.forEach((id, rank) => (lookup[id] = rank + 2));
  return { tokens: [padToken, unknownToken, ...chosen.map((id) => corpus.words[id] as string)], lookup };
}
