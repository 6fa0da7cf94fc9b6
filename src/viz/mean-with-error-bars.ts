import * as Plot from "@observablehq/plot";
import { renderPlot } from "./render-plot";
import { titleMark, titledMarginTop } from "./title-mark";
import { mtlError } from "../errors";

/** One measurement: at `x`, series `series` measured `y` (one row per seed or repeat). */
export interface Measurement {
  x: number;
  y: number;
  series: string;
}

/** Options for {@link meanWithErrorBars}. */
export interface ErrorBarOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
  /** Draw a horizontal rule at this y (e.g. 0 for Δm). Default: none. */
  referenceY?: number;
}

/** Mean and standard deviation of y for each (series, x). */
export interface SeriesSummary {
  series: string;
  x: number;
  mean: number;
  std: number;
  count: number;
}

/**
 * Groups measurements by series and x and returns mean and sample standard deviation of y.
 *
 * @example
 * const summary = summariseMeasurements([{ x: 0, y: 1, series: "a" }, { x: 0, y: 3, series: "a" }]);
 * summary; // → [{ series: "a", x: 0, mean: 2.0000, std: 1.4142, count: 2 }]
 */
export function summariseMeasurements(rows: readonly Measurement[]): SeriesSummary[] {
  const groups = new Map<string, Measurement[]>();
  for (const row of rows) {
    const key = `${row.series}\u0000${row.x}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()].map((group) => {
    const mean = group.reduce((sum, row) => sum + row.y, 0) / group.length;
    const variance =
      group.length > 1 ? group.reduce((sum, row) => sum + (row.y - mean) ** 2, 0) / (group.length - 1) : 0;
    const first = group[0] as Measurement;
    return { series: first.series, x: first.x, mean, std: Math.sqrt(variance), count: group.length };
  });
}

/**
 * Plots, per series, the mean of y against x with ±1 standard deviation bars over repeats (seeds),
 * as an SVG string — e.g. Δm against task correlation for several architectures.
 *
 * @example
 * const svg = meanWithErrorBars(
 *   [{ x: 0, y: -2, series: "MMoE" }, { x: 0, y: -1, series: "MMoE" }, { x: 1, y: 3, series: "MMoE" }],
 *   { xLabel: "task correlation", yLabel: "Δm (%)", referenceY: 0 },
 * );
 * svg.includes("task correlation"); // → true
 */
export function meanWithErrorBars(rows: readonly Measurement[], options: ErrorBarOptions = {}): string {
  const finite = rows.filter((row) => Number.isFinite(row.x) && Number.isFinite(row.y));
  if (finite.length === 0) {
    throw mtlError({
      code: "empty-measurements",
      message: "meanWithErrorBars got no finite measurements",
      fix: "pass rows of { x, y, series }",
    });
  }
  const summary = summariseMeasurements(finite).sort((a, b) => a.series.localeCompare(b.series) || a.x - b.x);
  const { title, xLabel = "x", yLabel = "y", width = 640, height = 360, referenceY } = options;
  const marks: Plot.Markish[] = [
    Plot.ruleX(summary, {
      x: "x",
      y1: (row: SeriesSummary) => row.mean - row.std,
      y2: (row: SeriesSummary) => row.mean + row.std,
      stroke: "series",
      strokeOpacity: 0.6,
    }),
    Plot.line(summary, { x: "x", y: "mean", stroke: "series", marker: "dot" }),
    Plot.text(
      summary,
      Plot.selectLast({ x: "x", y: "mean", z: "series", text: "series", textAnchor: "start", dx: 6, fill: "series" }),
    ),
  ];
  if (referenceY !== undefined) marks.unshift(Plot.ruleY([referenceY], { stroke: "#888", strokeDasharray: "2,2" }));
  if (title) marks.push(titleMark(title));
  // Whole-number x (bins, epochs, counts) gets a tick at each value, not at 1.5, 2.5, …
  const xs = [...new Set(summary.map((row) => row.x))].sort((a, b) => a - b);
  const ticks =
    xs.every(Number.isInteger) && xs.length <= 20 ? { ticks: xs, tickFormat: (x: number) => String(x) } : {};
  return renderPlot({
    width,
    height,
    marginTop: titledMarginTop,
    marginRight: 110,
    x: { label: xLabel, ...ticks },
    y: { label: yLabel, grid: true },
    marks,
  });
}
