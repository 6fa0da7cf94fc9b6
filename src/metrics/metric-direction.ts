import type { MetricName } from "../tasks/types";

/** Whether a larger or a smaller value of a metric is better. */
export type MetricDirection = "higher" | "lower";

/**
 * The direction of each metric mtlkit knows: errors (rmse, mae) and losses are lower-is-better,
 * every score (accuracy, F1, AUC, IoU, NDCG) higher-is-better. Unknown names ending in "loss",
 * "error" or "rmse"/"mae" count as lower-is-better.
 *
 * @example
 * metricDirection("rmse"); // → "lower"
 */
export function metricDirection(metric: MetricName | string): MetricDirection {
  return /(loss|error|rmse|mae)$/i.test(metric) ? "lower" : "higher";
}
