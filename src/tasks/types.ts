/**
 * What a task predicts. The kind fixes the default loss, the output activation and the metrics,
 * so that, e.g., a regression task cannot silently get a cross-entropy loss.
 */
export type TaskKind = "classification" | "binary" | "multilabel" | "regression" | "bbox" | "ranking";

/** The task kinds, in a fixed order (for messages and tests). */
export const taskKinds: readonly TaskKind[] = ["classification", "binary", "multilabel", "regression", "bbox", "ranking"];

/**
 * A task as data: what a dataset says about each of its targets. Trainer options (loss, weight,
 * metrics) extend this in `src/tasks`.
 *
 * @example
 * const left: TaskSpec = { name: "left", kind: "classification", classes: 10 };
 * const year: TaskSpec = { name: "year", kind: "regression", size: 1 };
 */
export interface TaskSpec {
  /** Unique name; the model's output and the dataset's target for this task use it. */
  name: string;
  kind: TaskKind;
  /** Number of classes (classification) or labels (multilabel). */
  classes?: number;
  /** Names of the classes or labels, when they have names. */
  labels?: readonly string[];
  /** Width of the target per sample for regression, bbox (4) and ranking; 1 when omitted. */
  size?: number;
  /** One sentence saying what the target means and its units. */
  description?: string;
}
