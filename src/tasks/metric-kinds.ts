import type { MetricName, TaskKind } from "./types";

/**
 * The task kinds each metric is defined for. Classification metrics are macro-averaged over
 * classes, multilabel ones over labels (accuracy there is the fraction of correct label bits).
 *
 * @example
 * metricKinds.iou; // → ["bbox"]
 */
export const metricKinds: Readonly<Record<MetricName, readonly TaskKind[]>> = {
  accuracy: ["classification", "binary", "multilabel"],
  macroF1: ["classification", "binary", "multilabel"],
  precision: ["classification", "binary", "multilabel"],
  recall: ["classification", "binary", "multilabel"],
  rocAuc: ["binary", "multilabel"],
  rmse: ["regression", "bbox", "ranking"],
  mae: ["regression", "bbox", "ranking"],
  iou: ["bbox"],
  ndcg: ["ranking"],
  boxAccuracy: ["bbox"],
  pixelAccuracy: ["mask"],
  meanIou: ["mask"],
  topKAccuracy: ["retrieval"],
};
