import { knownNames, mtlError } from "../errors";
import { baseLayout, palette, tidyNumber } from "./plotly-layout";
import type { PlotlyFigure } from "./plotly-html";

/** One run: a method, the seed it ran with, and its two objectives (e.g. the two tasks' errors). */
export interface ParetoPoint {
  method: string;
  seed?: number;
  x: number;
  y: number;
  /** Spread of x and y over seeds (e.g. one standard deviation), drawn as error bars. */
  spread?: { x: number; y: number };
}

/** Options for {@link paretoPlot}. */
export interface ParetoPlotOptions {
  title?: string;
  /** Axis names, also shown on hover. Default "x" and "y". */
  xLabel?: string;
  yLabel?: string;
  /** Which way each objective improves. Default lower for both (errors, losses). */
  better?: { x?: "lower" | "higher"; y?: "lower" | "higher" };
  /**
   * The methods whose points trace the front (e.g. a sweep of static weights), so the other methods'
   * points can be read against it. Default: every point.
   */
  frontFrom?: readonly string[];
  /** Legend name of the front. Default "Pareto front". */
  frontName?: string;
  /** Height in pixels. Default 440. */
  height?: number;
}

/** The points no other point beats on both objectives, sorted by x — the empirical Pareto front. */
export function paretoFront(points: readonly ParetoPoint[], better: { x: number; y: number }): ParetoPoint[] {
  const beats = (a: ParetoPoint, b: ParetoPoint) =>
    better.x * a.x >= better.x * b.x && better.y * a.y >= better.y * b.y && (a.x !== b.x || a.y !== b.y);
  return points.filter((point) => !points.some((other) => beats(other, point))).sort((a, b) => a.x - b.x);
}

/**
 * Scatters runs over two objectives, one colour per method, and joins the runs no other run beats
 * on both (the Pareto front) — among all runs, or among those of `frontFrom` (e.g. a sweep of static
 * weights); hovering a point names its method and seed.
 *
 * @example
 * const figure = paretoPlot([
 *   { method: "MGDA", seed: 0, x: 0.1, y: 0.3 }, { method: "MGDA", seed: 1, x: 0.2, y: 0.2 },
 *   { method: "mean", seed: 0, x: 0.3, y: 0.3 },
 * ], { xLabel: "left error", yLabel: "right error" });
 * figure.data.map((trace) => trace.name); // → ["Pareto front", "MGDA", "mean"]
 * figure.data[0].x; // → [0.1, 0.2]
 */
export function paretoPlot(points: readonly ParetoPoint[], options: ParetoPlotOptions = {}): PlotlyFigure {
  const finite = points.filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y));
  if (finite.length === 0) {
    throw mtlError({
      code: "empty-points",
      message: `paretoPlot needs at least one point with finite x and y; got ${points.length} points`,
      fix: "pass runs as { method, seed, x, y }",
    });
  }
  const xLabel = options.xLabel ?? "x";
  const yLabel = options.yLabel ?? "y";
  const sign = (direction: "lower" | "higher" | undefined) => (direction === "higher" ? 1 : -1);
  const tracers = options.frontFrom ? finite.filter((point) => options.frontFrom?.includes(point.method)) : finite;
  if (tracers.length === 0) {
    throw mtlError({
      code: "unknown-method",
      message: `paretoPlot's frontFrom names ${JSON.stringify(options.frontFrom)} but no point has those methods`,
      fix: `use some of ${knownNames([...new Set(finite.map((point) => point.method))])}`,
    });
  }
  const front = paretoFront(tracers, { x: sign(options.better?.x), y: sign(options.better?.y) });
  const methods = [...new Set(finite.map((point) => point.method))];
  const data: Record<string, unknown>[] = [
    {
      type: "scatter",
      mode: "lines",
      name: options.frontName ?? "Pareto front",
      // the step passes through the corners the front's points dominate, whichever way x improves
      line: { color: "#888", dash: "dot", shape: options.better?.x === "higher" ? "vh" : "hv" },
      x: front.map((point) => tidyNumber(point.x)),
      y: front.map((point) => tidyNumber(point.y)),
      hoverinfo: "skip",
    },
  ];
  // With frontFrom, the front's own methods are grey diamonds, so the methods read against it stand out.
  const tracing = (method: string) => options.frontFrom?.includes(method) === true;
  const greys = ["#333", "#555", "#777", "#999", "#bbb"];
  const colourOf = (method: string) => {
    const same = methods.filter((other) => tracing(other) === tracing(method));
    const index = same.indexOf(method);
    return tracing(method) ? greys[index % greys.length] : palette[index % palette.length];
  };
  methods.forEach((method) => {
    const runs = finite.filter((point) => point.method === method);
    data.push({
      type: "scatter",
      mode: "markers",
      name: method,
      x: runs.map((point) => tidyNumber(point.x)),
      y: runs.map((point) => tidyNumber(point.y)),
      customdata: runs.map((point) => (point.seed === undefined ? "—" : String(point.seed))),
      ...errorBars(runs),
      marker: {
        size: 10,
        color: colourOf(method),
        ...(options.frontFrom ? { symbol: tracing(method) ? "diamond" : "circle" } : {}),
        line: { width: 1, color: "white" },
      },
      hovertemplate:
        `<b>${method}</b><br>seed %{customdata}` + `<br>${xLabel} %{x:.4f}<br>${yLabel} %{y:.4f}<extra></extra>`,
    });
  });
  return {
    data,
    layout: {
      ...baseLayout({ title: options.title, height: options.height ?? 440 }),
      xaxis: { title: { text: xLabel }, gridcolor: "#eee", zeroline: false },
      yaxis: { title: { text: yLabel }, gridcolor: "#eee", zeroline: false },
      hovermode: "closest",
    },
  };
}

// Plotly's error_x/error_y, only when some point carries a spread.
function errorBars(runs: readonly ParetoPoint[]): Record<string, unknown> {
  if (!runs.some((point) => point.spread)) return {};
  const bars = (axis: "x" | "y") => ({
    type: "data",
    array: runs.map((point) => tidyNumber(point.spread?.[axis] ?? 0)),
    thickness: 1,
    width: 3,
  });
  return { error_x: bars("x"), error_y: bars("y") };
}
