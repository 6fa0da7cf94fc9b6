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
 * Draws a surface f(x, y) in 3-D that the reader can turn and zoom, with optimisation trajectories lying on it (one
 * colour and legend entry per panel, each path named "panel · label" on hover) — the toy problem of CAGrad
 * (Liu et al. 2021, Fig. 1) as a landscape. Takes the same surface and trajectories as {@link trajectoryPlot}.
 *
 * @example
 * const figure = trajectorySurface((x, y) => x * x + y * y,
 *   [{ panel: "gd", label: "start (8, 6)", path: [[8, 6], [0, 0]] }], { resolution: 5 });
 * figure.data.length; // → 2
 * figure.data[1].name; // → "gd"
 */
export function trajectorySurface(
  surface: (x: number, y: number) => number,
  trajectories: readonly Trajectory[],
  options: TrajectorySurfaceOptions = {},
): PlotlyFigure {
  const resolution = options.resolution ?? 50;
  if (!Number.isInteger(resolution) || resolution < 2) {
    throw mtlError({
      code: "bad-option",
      message: `trajectorySurface needs resolution ≥ 2 grid samples per axis; got ${resolution}`,
      fix: "pass e.g. { resolution: 50 }",
    });
  }
  const valueLabel = options.valueLabel ?? "loss";
  const xs = range(options.x ?? [-10, 10], resolution);
  const ys = range(options.y ?? [-10, 10], resolution);
  const z = ys.map((y) => xs.map((x) => tidyNumber(surface(x, y))));
  const data: Record<string, unknown>[] = [
    {
      type: "surface",
      name: valueLabel,
      x: xs,
      y: ys,
      z,
      colorscale: "Viridis",
      opacity: 0.8,
      showscale: false,
      hovertemplate: `x %{x:.3f}<br>y %{y:.3f}<br>${valueLabel} %{z:.4f}<extra></extra>`,
    },
  ];
  // One colour and one legend entry per panel (method), so a click in the legend hides all its paths.
  const groups = [...new Set(trajectories.map((trajectory) => trajectory.panel ?? trajectory.label))];
  // Paths float a hair above the surface, or the semi-transparent surface hides them where they lie on it.
  const zValues = z.flat().filter(Number.isFinite);
  const lift = (x: number, y: number) =>
    tidyNumber(surface(x, y) + 0.01 * (Math.max(...zValues) - Math.min(...zValues)));
  const shown = new Set<string>();
  for (const trajectory of trajectories) {
    const group = trajectory.panel ?? trajectory.label;
    const name = trajectory.panel ? `${trajectory.panel} · ${trajectory.label}` : trajectory.label;
    const colour = palette[groups.indexOf(group) % palette.length];
    data.push({
      type: "scatter3d",
      mode: "lines",
      name: group,
      legendgroup: group,
      showlegend: !shown.has(group),
      x: trajectory.path.map(([x]) => tidyNumber(x)),
      y: trajectory.path.map(([, y]) => tidyNumber(y)),
      z: trajectory.path.map(([x, y]) => lift(x, y)),
      line: { width: 6, color: colour },
      hovertemplate: `${name}<br>x %{x:.3f}<br>y %{y:.3f}<br>${valueLabel} %{z:.4f}<extra></extra>`,
    });
    shown.add(group);
  }
  for (const point of options.points ?? []) {
    data.push({
      type: "scatter3d",
      mode: "markers",
      name: point.label,
      x: [point.x],
      y: [point.y],
      z: [lift(point.x, point.y)],
      marker: { symbol: "x", size: 7, color: "black" },
      hovertemplate: `${point.label}<extra></extra>`,
    });
  }
  return {
    data,
    layout: {
      ...baseLayout({ title: options.title, height: options.height ?? 560 }),
      scene: {
        xaxis: { title: { text: "x" } },
        yaxis: { title: { text: "y" } },
        zaxis: { title: { text: valueLabel } },
      },
      legend: { itemsizing: "constant" },
    },
  };
}
