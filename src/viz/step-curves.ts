import * as Plot from "@observablehq/plot";
import { mtlError } from "../errors";
import { renderPlot } from "./render-plot";
import { titleMark, titledMarginTop } from "./title-mark";

/** The part of a training history's step record that {@link stepCurves} reads. */
export interface StepValues {
  step: number;
  losses: Readonly<Record<string, number>>;
  weights: Readonly<Record<string, number>>;
  cosines?: Readonly<Record<string, number>>;
  gradNorm?: number;
}

/** Options for {@link stepCurves}. */
export interface StepCurvesOptions {
  /** What to draw per task (or per task pair for "cosines"). */
  value: "losses" | "weights" | "cosines" | "gradNorm";
  /**
   * Draw each weight as its share of the step's total, w_t / Σ_s w_s, so methods with different sums compare. Default
   * false.
   */
  share?: boolean;
  /** Moving average over this many steps (noisy per-batch values). Default 1 (none). */
  smooth?: number;
  /** Log-scaled y axis. Default false. */
  logScale?: boolean;
  /** Draw a horizontal rule at this y (e.g. 0 for cosines). */
  referenceY?: number;
  /** Steps kept per series after smoothing (evenly spaced). Default 200. */
  maxPoints?: number;
  title?: string;
  width?: number;
  /** Height of one run's panel. Default 150. */
  panelHeight?: number;
}

interface Point {
  run: string;
  series: string;
  step: number;
  value: number;
}

const yLabels = {
  losses: "loss",
  weights: "task weight",
  cosines: "gradient cosine",
  gradNorm: "gradient norm",
} as const;

/**
 * Draws per-step values of one or more training runs — each task's loss or weight, each task pair's
 * gradient cosine similarity, or the global gradient norm — one panel per run, as an SVG string.
 * Takes `history.steps` of the trainer, keyed by run name.
 *
 * @example
 * const steps = [0, 1, 2].map((step) => ({ step, losses: { left: 1 / (step + 1) }, weights: { left: 1 } }));
 * stepCurves({ equal: steps }, { value: "losses", logScale: true }).startsWith("<svg"); // → true
 * // history.steps of train() has this shape: stepCurves({ gradNorm: history.steps }, { value: "weights" })
 */
export function stepCurves(runs: Readonly<Record<string, readonly StepValues[]>>, options: StepCurvesOptions): string {
  const points = Object.entries(runs).flatMap(([run, steps]) => runPoints(run, steps, options));
  if (points.length === 0) {
    throw mtlError({
      code: "empty-history",
      message: `stepCurves found no finite "${options.value}" in the runs ${JSON.stringify(Object.keys(runs))}`,
      fix: "pass history.steps of runs that recorded steps (cosines need a gradient method)",
    });
  }
  const names = Object.keys(runs).filter((run) => points.some((p) => p.run === run));
  const faceted = names.length > 1;
  const marks: Plot.Markish[] = [
    Plot.line(points, { x: "step", y: "value", z: "series", stroke: "series", fy: "run" }),
    Plot.text(
      points,
      Plot.selectLast({
        x: "step",
        y: "value",
        z: "series",
        text: "series",
        fill: "series",
        textAnchor: "start",
        dx: 4,
        fontSize: 10,
        fy: "run",
      }),
    ),
  ];
  if (faceted)
    marks.push(
      Plot.text(names, {
        frameAnchor: "top",
        dy: 2,
        text: (run: string) => run,
        fontWeight: "bold",
        fy: (run: string) => run,
      }),
    );
  if (options.referenceY !== undefined)
    marks.unshift(Plot.ruleY([options.referenceY], { stroke: "#888", strokeDasharray: "2,2" }));
  if (options.title) marks.push(titleMark(options.title, { fy: names[0] }));
  const name = options.share && options.value === "weights" ? "share of total weight" : yLabels[options.value];
  const label = `${name}${smoothing(options) > 1 ? ` (mean of ${smoothing(options)} steps)` : ""}`;
  return renderPlot({
    width: options.width ?? 640,
    height: (options.panelHeight ?? 150) * names.length + titledMarginTop + 40,
    marginTop: titledMarginTop,
    marginRight: 110,
    x: { label: "step" },
    y: { label, type: options.logScale ? "log" : "linear", grid: true },
    fy: { label: null, domain: names, axis: null, padding: 0.15 },
    marks,
  });
}

function smoothing(options: StepCurvesOptions): number {
  return Math.max(1, Math.round(options.smooth ?? 1));
}

function runPoints(run: string, steps: readonly StepValues[], options: StepCurvesOptions): Point[] {
  const series = new Map<string, { step: number; value: number }[]>();
  for (const record of steps) {
    for (const [name, value] of Object.entries(recordValues(record, options))) {
      if (!Number.isFinite(value) || (options.logScale && value <= 0)) continue;
      series.set(name, [...(series.get(name) ?? []), { step: record.step, value }]);
    }
  }
  return [...series].flatMap(([name, values]) =>
    thin(movingAverage(values, smoothing(options)), options.maxPoints ?? 200).map((p) => ({ run, series: name, ...p })),
  );
}

function recordValues(record: StepValues, options: StepCurvesOptions): Record<string, number> {
  if (options.value === "gradNorm") return record.gradNorm === undefined ? {} : { "gradient norm": record.gradNorm };
  if (options.value === "cosines") return { ...record.cosines };
  if (options.value === "losses") return { ...record.losses };
  if (!options.share) return { ...record.weights };
  const total = Object.values(record.weights).reduce((sum, w) => sum + w, 0);
  return Object.fromEntries(Object.entries(record.weights).map(([task, w]) => [task, w / total]));
}

function movingAverage(values: { step: number; value: number }[], window: number): { step: number; value: number }[] {
  if (window <= 1) return values;
  let sum = 0;
  return values.map((point, i) => {
    sum += point.value - (i >= window ? (values[i - window] as { value: number }).value : 0);
    return { step: point.step, value: sum / Math.min(i + 1, window) };
  });
}

function thin<T>(values: T[], maxPoints: number): T[] {
  if (values.length <= maxPoints) return values;
  const stride = (values.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, i) => values[Math.round(i * stride)] as T);
}
