import type { LossDefinition } from "./losses/types";

/**
 * What a task predicts. The kind fixes the default loss, the output activation and the metrics,
 * so that, e.g., a regression task cannot silently get a cross-entropy loss.
 */
export type TaskKind =
  "classification" | "binary" | "multilabel" | "regression" | "bbox" | "ranking" | "mask" | "retrieval";

/** The task kinds, in a fixed order (for messages and tests). */
export const taskKinds: readonly TaskKind[] = [
  "classification",
  "binary",
  "multilabel",
  "regression",
  "bbox",
  "ranking",
  "mask",
  "retrieval",
];

/**
 * A task as data: what a dataset says about each of its targets. Trainer options (loss, weight,
 * metrics) extend this in `src/tasks`.
 *
 * @example
 * const left: TaskSpec = { name: "left", kind: "classification", classes: 10 };
 * const year: TaskSpec = { name: "year", kind: "regression", size: 1 };
 * resolveTasks([left, year]).map((task) => task.loss); // → ["crossEntropy", "mse"]
 */
export interface TaskSpec {
  /** Unique name; the model's output and the dataset's target for this task use it. */
  name: string;
  kind: TaskKind;
  /** Number of classes (classification) or labels (multilabel). */
  classes?: number;
  /** Names of the classes or labels, when they have names. */
  labels?: readonly string[];
  /**
   * Width of the target per sample for regression, bbox (4) and ranking; 1 when omitted. For a mask,
   * the number of pixels H·W (the mask is flattened row by row; required).
   */
  size?: number;
  /** One sentence saying what the target means and its units. */
  description?: string;
  /**
   * Retrieval: the catalogue size N; the target is a candidate id in [0, N), and the model must embed
   * every candidate (`MultiTaskModel.candidates`) for the top-K metrics. Required for kind "retrieval".
   */
  candidates?: number;
  /** Retrieval: the K of the top-K accuracy (a hit when the true candidate ranks in the top K). Default 100. */
  topK?: number;
}

/** The losses mtlkit knows; each one accepts only the task kinds that make sense for it. */
export type LossName =
  "crossEntropy" | "binaryCrossEntropy" | "mse" | "mae" | "smoothL1" | "listNet" | "dice" | "giou" | "inBatchSoftmax";

/** The per-task metrics mtlkit knows (see `src/metrics`). */
export type MetricName =
  | "accuracy"
  | "macroF1"
  | "precision"
  | "recall"
  | "rocAuc"
  | "rmse"
  | "mae"
  | "iou"
  | "ndcg"
  | "boxAccuracy"
  | "pixelAccuracy"
  | "meanIou"
  | "topKAccuracy";

/** What a model's raw output goes through to become a prediction. */
export type OutputActivation = "softmax" | "sigmoid" | "identity";

/**
 * A task plus the trainer's per-task options; every option falls back to the kind's default.
 *
 * @example
 * const rating: Task = { name: "rating", kind: "regression", loss: "mae", weight: 0.5 };
 * resolveTask(rating).metrics; // → ["rmse", "mae"] (the kind's defaults)
 */
export interface Task extends TaskSpec {
  /** Loss; default from the kind (classification → crossEntropy, regression → mse, …), or your own definition. */
  loss?: LossName | LossDefinition;
  /** Static weight of this task's loss in the total; default 1. */
  weight?: number;
  /** Metrics reported for this task; default from the kind. */
  metrics?: readonly MetricName[];
  /**
   * Output activation; default from the kind. Only boxes may change it: `"sigmoid"` makes a box head
   * predict coordinates normalised to [0, 1] (losses and metrics then see σ(outputs), and targets
   * must lie in [0, 1]).
   */
  activation?: OutputActivation;
}

/** A task with every option filled in and checked (see `resolveTask`). */
export interface ResolvedTask extends TaskSpec {
  loss: LossName | LossDefinition;
  weight: number;
  metrics: readonly MetricName[];
  activation: OutputActivation;
  /** Retrieval: the K of the top-K accuracy (default 100); absent for other kinds. */
  topK?: number;
  /** Width of the model's raw output for this task, per sample. */
  outputWidth: number;
  /** Shape of one sample's target, e.g. [] for a class index, [4] for a box. */
  targetShape: readonly number[];
  targetDtype: "float32" | "int32";
}
