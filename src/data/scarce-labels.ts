import { createRng } from "../backend/random";
import { mtlError, knownNames } from "../errors";
import { checkCount } from "./check-count";
import type { Split } from "./types";

/** Options of {@link scarceLabels}. */
export interface ScarceLabelsOptions {
  /** The task whose labels become scarce. */
  task: string;
  /** How many samples keep that task's label. */
  labelled: number;
  /** Fixes which samples keep it. Default 0. */
  seed?: number;
}

/**
 * The same split with one task's label kept on only `labelled` samples (a seeded choice) through its
 * label mask; the inputs and the other tasks' labels are untouched — the setting where auxiliary
 * tasks are said to help most (Ruder 2017, §5). The loss and the metrics skip masked samples.
 *
 * @example
 * const party = { values: Int32Array.from([0, 1, 0, 1]), shape: [], dtype: "int32" as const };
 * const scarce = scarceLabels({ size: 4, inputs: {}, targets: { party } }, { task: "party", labelled: 1, seed: 0 });
 * Array.from(scarce.masks.party).reduce((a, b) => a + b); // → 1
 */
export function scarceLabels(
  split: Split,
  options: ScarceLabelsOptions,
): Split & { masks: Record<string, Uint8Array> } {
  if (split.targets[options.task] === undefined) {
    throw mtlError({
      code: "unknown-task",
      message: `scarceLabels: the split has no targets for task "${options.task}"`,
      fix: `use one of ${knownNames(Object.keys(split.targets))}`,
    });
  }
  const labelled = checkCount("scarceLabels", "labelled", options.labelled, 1, split.size);
  const previous = split.masks?.[options.task];
  const mask = new Uint8Array(split.size);
  const order = createRng(options.seed ?? 0).permutation(split.size);
  for (let k = 0; k < labelled; k++) mask[order[k] as number] = previous ? (previous[order[k] as number] as number) : 1;
  return { ...split, masks: { ...split.masks, [options.task]: mask } };
}
