import { knownNames, mtlError } from "../errors";
import { metricDirection, type MetricDirection } from "./metric-direction";

/** Metric values per task: `{ left: { accuracy: 0.96 }, depth: { rmse: 0.61, mae: 0.45 } }`. */
export type TaskScores = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Options of {@link deltaM}. */
export interface DeltaMOptions {
  /** Direction per metric name, overriding {@link metricDirection} (e.g. a custom "meanError"). */
  directions?: Readonly<Record<string, MetricDirection>>;
}

/** Δm of a multi-task model, as a fraction, in percent, and each task's share before averaging. */
export interface DeltaMResult {
  /** Δm as a fraction: 0.012 means the multi-task model is 1.2 % better on average. */
  value: number;
  /** 100 × value: the "Δm%" printed in papers' tables. */
  percent: number;
  /** Each task's average relative improvement over its metrics (the terms averaged into Δm). */
  perTask: Record<string, number>;
}

/**
 * The multi-task gain Δm (Maninis et al. 2019, "Attentive single-tasking of multiple tasks", eq. 6;
 * LibMTL's definition): the average over tasks t of the relative improvement of the multi-task model
 * m over the single-task baseline b, Δm = 1/T Σ_t 1/K_t Σ_k (−1)^{l_k} (M_{m,k} − M_{b,k}) / M_{b,k},
 * where a task's K_t metrics are averaged first and l_k = 1 when a lower value of metric k is
 * better (rmse, mae, losses), 0 otherwise. Sign convention: higher Δm is better; Δm > 0 means
 * sharing helped on average, Δm < 0 means negative transfer. The tasks and metrics are those of the
 * baseline; the multi-task scores must have them all.
 *
 * @example
 * // ((0.9 − 0.8)/0.8 − (1.1 − 1.0)/1.0) / 2 × 100 = 1.25
 * deltaM({ a: { accuracy: 0.9 }, b: { rmse: 1.1 } }, { a: { accuracy: 0.8 }, b: { rmse: 1.0 } }).percent; // → 1.2500
 */
export function deltaM(multi: TaskScores, baseline: TaskScores, options: DeltaMOptions = {}): DeltaMResult {
  const perTask: Record<string, number> = {};
  const tasks = Object.keys(baseline);
  for (const task of tasks) {
    const metrics = Object.keys(baseline[task] ?? {});
    const terms = metrics.map((metric) => relativeGain(task, metric, multi, baseline, options));
    perTask[task] = terms.reduce((a, b) => a + b, 0) / terms.length;
  }
  const value = tasks.reduce((sum, task) => sum + (perTask[task] as number), 0) / tasks.length;
  return { value, percent: 100 * value, perTask };
}

function relativeGain(
  task: string,
  metric: string,
  multi: TaskScores,
  baseline: TaskScores,
  options: DeltaMOptions,
): number {
  const base = baseline[task]?.[metric] as number;
  const value = multi[task]?.[metric];
  if (value === undefined || !Number.isFinite(value)) {
    throw mtlError({
      code: "delta-m-missing",
      message: `Δm needs metric "${metric}" of task "${task}" from the multi-task model but found ${String(value)}`,
      fix: `evaluate the multi-task model on the same metrics (it has ${knownNames(Object.keys(multi[task] ?? {}))})`,
    });
  }
  if (base === 0 || !Number.isFinite(base)) {
    throw mtlError({
      code: "delta-m-zero-baseline",
      message: `Δm divides by the baseline's "${metric}" of task "${task}" but it is ${base}`,
      fix: "use a metric whose baseline value is finite and non-zero",
    });
  }
  const direction = options.directions?.[metric] ?? metricDirection(metric);
  const sign = direction === "lower" ? -1 : 1;
  return (sign * (value - base)) / base;
}
