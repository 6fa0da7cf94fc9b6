import { createRng } from "../backend/random";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { checkCount } from "./check-count";
import { intColumn } from "./column";
import type { Split } from "./types";

/** Options of {@link maskedWordTask}. */
export interface MaskedWordOptions {
  /** The input holding token ids [sequenceLength] (0 = `<pad>`, 1 = `<unk>`). Default "tokens". */
  inputName?: string;
  /** The most frequent words (ids 2 … words + 1) are classes; any other word is one class "rare". Default 50. */
  words?: number;
  /** Fixes which word of each passage is hidden. Default 0. */
  seed?: number;
}

/**
 * A self-supervised task made from the text itself, BERT's masked-word objective cut to one word
 * (Devlin et al. 2019, §3.1): in each passage one real token, chosen at random, is replaced by
 * `<unk>` in the input, and task "maskedWord" predicts which of the `words` most frequent words it was
 * (or "rare"). It needs no labels, so every passage trains the shared encoder.
 *
 * @example
 * const tokens = { values: Int32Array.from([5, 2, 0]), shape: [3], dtype: "int32" as const };
 * const split = { size: 1, inputs: { tokens }, targets: {} };
 * const { task, split: out } = maskedWordTask(split, { words: 3, seed: 1 });
 * task.classes; // → 4
 * Array.from(out.inputs.tokens.values).filter((id) => id === 1).length; // → 1
 */
export function maskedWordTask(split: Split, options: MaskedWordOptions = {}): { task: TaskSpec; split: Split } {
  const inputName = options.inputName ?? "tokens";
  const column = split.inputs[inputName];
  if (column === undefined || column.dtype !== "int32" || column.shape.length !== 1) {
    throw mtlError({
      code: "missing-input",
      message: `maskedWordTask expected an int32 input "${inputName}" of token ids [sequenceLength]`,
      fix: "pass inputName, the name of the split's token input",
    });
  }
  const words = checkCount("maskedWordTask", "words", options.words ?? 50, 1, 100000);
  const T = column.shape[0] as number;
  const tokens = Int32Array.from(column.values);
  const labels = new Int32Array(split.size);
  const rng = createRng(options.seed ?? 0);
  for (let i = 0; i < split.size; i++) {
    let length = 0;
    while (length < T && tokens[i * T + length] !== 0) length++;
    if (length === 0) continue; // an empty passage stays as it is; sequenceMask reports it when batched
    const at = i * T + rng.int(length);
    const id = tokens[at] as number;
    labels[i] = id >= 2 && id < words + 2 ? id - 2 : words;
    tokens[at] = 1;
  }
  const task: TaskSpec = {
    name: "maskedWord",
    kind: "classification",
    classes: words + 1,
    description: `the hidden word: one of the ${words} most frequent words, or "rare"`,
  };
  return {
    task,
    split: {
      ...split,
      inputs: { ...split.inputs, [inputName]: intColumn(tokens, [T]) },
      targets: { ...split.targets, maskedWord: intColumn(labels, []) },
    },
  };
}
