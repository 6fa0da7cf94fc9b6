import type { LossName, MetricName, OutputActivation, TaskKind } from "./types";

/** What a task kind implies when the task does not say otherwise. */
export interface KindDefaults {
  loss: LossName;
  activation: OutputActivation;
  metrics: readonly MetricName[];
}

/**
 * The default loss, output activation and metrics of each task kind. Ranking follows ListNet
 * (Cao et al. 2007, the top-one probability cross-entropy) and is scored by NDCG; boxes are
 * [xMin, yMin, xMax, yMax] regressed with the smooth-L1 loss of Fast R-CNN (Girshick 2015, eq. 3).
 * Masks are per-pixel binary labels: a per-pixel BCE on logits, scored by pixel accuracy and mean IoU.
 * Retrieval outputs [query; candidate] embeddings, trained with the in-batch softmax and scored by
 * factorized top-K accuracy against the whole catalogue.
 *
 * @example
 * kindDefaults.regression; // → { loss: "mse", activation: "identity", metrics: ["rmse", "mae"] }
 */
export const kindDefaults: Readonly<Record<TaskKind, KindDefaults>> = {
  classification: { loss: "crossEntropy", activation: "softmax", metrics: ["accuracy", "macroF1"] },
  binary: { loss: "binaryCrossEntropy", activation: "sigmoid", metrics: ["accuracy", "rocAuc"] },
  multilabel: { loss: "binaryCrossEntropy", activation: "sigmoid", metrics: ["accuracy", "macroF1"] },
  regression: { loss: "mse", activation: "identity", metrics: ["rmse", "mae"] },
  bbox: { loss: "smoothL1", activation: "identity", metrics: ["iou", "mae"] },
  ranking: { loss: "listNet", activation: "identity", metrics: ["ndcg"] },
  mask: { loss: "binaryCrossEntropy", activation: "sigmoid", metrics: ["pixelAccuracy", "meanIou"] },
  retrieval: { loss: "inBatchSoftmax", activation: "identity", metrics: ["topKAccuracy"] },
};
