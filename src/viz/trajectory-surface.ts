import { mtlError } from "../errors";
import { baseLayout, palette, tidyNumber } from "./plotly-layout";
import type { PlotlyFigure } from "./plotly-html";
import type { PlanePoint, Trajectory } from "./trajectory-plot";

/** Options for {@link trajectorySurface}. */
export interface TrajectorySurfaceOptions {
  /** Range of x. Default [−10, 10]. */
  x?: readonly [number, number];
  /** Range of y. Default [−10, 10]. */
  y?: readonly [number, number];
  /** Grid samples per axis. Default 50. */
  resolution?: number;
  /** Points marked with a cross on the surface, e.g. the minimum of the average loss. */
  points?: readonly PlanePoint[];
  title?: string;
  /** Name of the height in hover labels and on the z axis. Default "loss". */
  valueLabel?: string;
  /** Height in pixels. Default 560. */
  height?: number;
}

function range([from, to]: readonly [number, number], count: number): number[] {
  return Array.from({ length: count }, (_, i) => tidyNumber(from + ((to - from) * i) / (count - 1)));
}

/**
 * Draws a surface f(x, y) in 3-D that the reader can turn and zoom, with optimisation trajectories
 * lying on it (one line per path, named "panel · label" on hover) — the toy problem of CAGrad
 * (Liu et al. 2021, Fig. 1) as a landscape. Takes the same surface and trajectories as {@link trajectoryPlot}.
 *
 * @example
 * const figure = trajectorySurface((x, y) => x * x + y * y, [{ panel: "gd", label: "start (8, 6)", path: [[8, 6], [0, 0]] }], { resolution: 5 });
 * figure.data.length; // → 2
 * figure.data[1].name; // → "gd · start (8, 6)"
 */
export function trajectorySurface(
  surface: (x: number, y: number) => number,
  trajectories: readonly Trajectory[],
  options: TrajectorySurfaceOptions = {},
): PlotlyFigure {
  const resolution = options.resolution ?? 50;
  if (!Number.isInteger(resolution) || resolution < 2) {
    throw mtlError({ code: "bad-option", message: `trajectorySurface needs resolution ≥ 2 grid samples per axis; got ${resolution}`, fix: "pass e.g. { resolution: 50 }" });
  }
  const valueLabel = options.valueLabel ?? "loss";
  const xs = range(options.x ?? [-10, 10], resolution);
  const ys = range(options.y ?? [-10, 10], resolution);
  const z = ys.map((y) => xs.map((x) => tidyNumber(surface(x, y))));
  const lift = (x: number, y: number) => tidyNumber(surface(x, y));
  const data: Record<string, unknown>[] = [{
    type: "surface", name: valueLabel, x: xs, y: ys, z, colorscale: "Viridis", opacity: 0.85, showscale: false,
    hovertemplate: `x %{x:.3f}<br>y %{y:.3f}<br>${valueLabel} %{z:.4f}<extra></extra>`,
  }];
  trajectories.forEach((trajectory, index) => {
    const name = trajectory.panel ? `${trajectory.panel} · ${trajectory.label}` : trajectory.label;
    data.push({
      type: "scatter3d", mode: "lines+markers", name,
      x: trajectory.path.map(([x]) => tidyNumber(x)), y: trajectory.path.map(([, y]) => tidyNumber(y)),
      z: trajectory.path.map(([x, y]) => lift(x, y)),
      line: { width: 5, color: palette[index % palette.length] }, marker: { size: 2, color: palette[index % palette.length] },
      hovertemplate: `${name}<br>x %{x:.3f}<br>y %{y:.3f}<br>${valueLabel} %{z:.4f}<extra></extra>`,
    });
  });
  for (const point of options.points ?? []) {
    data.push({
      type: "scatter3d", mode: "markers", name: point.label, x: [point.x], y: [point.y], z: [lift(point.x, point.y)],
      marker: { symbol: "x", size: 6, color: "black" }, hovertemplate: `${point.label}<extra></extra>`,
    });
  }
  return {
    data,
    layout: {
      ...baseLayout({ title: options.title, height: options.height ?? 560 }),
      scene: { xaxis: { title: { text: "x" } }, yaxis: { title: { text: "y" } }, zaxis: { title: { text: valueLabel } } },
      legend: { itemsizing: "constant" },
    },
  };
}
