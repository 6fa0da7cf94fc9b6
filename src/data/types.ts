import type { TaskSpec } from "../tasks/types";

/**
 * One array of per-sample values, stored flat: sample i occupies
 * `values.subarray(i * width, (i + 1) * width)` where `width` is the product of `shape`.
 */
export interface Column {
  values: Float32Array | Int32Array;
  /** Shape of one sample, e.g. [36, 36, 1] for an image or [] for a scalar label. */
  shape: number[];
  dtype: "float32" | "int32";
}

/**
 * One split of a dataset. Inputs and targets are keyed by name; every target key is a task name.
 * Classification targets are int32 class indices of shape []; binary targets float32 0/1.
 */
export interface Split {
  size: number;
  inputs: Record<string, Column>;
  targets: Record<string, Column>;
  /** Optional per-task label masks: 1 where the sample has a label for that task, 0 where it is missing. */
  masks?: Record<string, Uint8Array>;
}

/**
 * What every loader returns: the task specs and train / validation / test splits fixed by a seed.
 *
 * @example
 * const data = await loadMultiMnist({ seed: 1, train: 200 });
 * data.tasks.map((task) => task.name); // → ["left", "right"]
 * data.train.size; // → 200
 */
export interface Dataset {
  name: string;
  tasks: TaskSpec[];
  train: Split;
  validation: Split;
  test: Split;
  /** The seed that fixed the splits and any sampling. */
  seed: number;
  /** Where the data came from and how it was made, one line (the card in datasets/ has the rest). */
  source: string;
}
