import * as Plot from "@observablehq/plot";
import { mtlError } from "../errors";
import { renderPlot } from "./render-plot";
import { titleMark, titledMarginTop } from "./title-mark";

/** One optimisation path in the plane, e.g. one method from one start point. */
export interface Trajectory {
  /** Legend entry and colour, e.g. the start point. */
  label: string;
  /** Small-multiple panel the path is drawn in, e.g. the method. Default: one panel. */
  panel?: string;
  /** Positions [x, y] in order, first the start. */
  path: readonly (readonly [number, number])[];
}

/** A marked point, e.g. the minimum of the average loss. */
export interface PlanePoint {
  x: number;
  y: number;
  label: string;
}

/** Options for {@link trajectoryPlot}. */
export interface TrajectoryPlotOptions {
  /** Range of x. Default [−10, 10]. */
  x?: readonly [number, number];
  /** Range of y. Default [−10, 10]. */
  y?: readonly [number, number];
  /** Grid samples per axis on which the contours are computed. Default 60. */
  resolution?: number;
  /** Contour levels: a count (a hint) or the levels themselves. Default 14. */
  thresholds?: number | readonly number[];
  /** Points drawn as crosses in every panel. */
  points?: readonly PlanePoint[];
  /** Panels per row. Default 3. */
  columns?: number;
  title?: string;
  /** Width of one panel in pixels. Default 240 with panels, 480 without. */
  panelWidth?: number;
}

interface PathPoint {
  x: number;
  y: number;
  label: string;
  panel: string;
  column: number;
  row: number;
}

/**
 * Draws optimisation trajectories over the contour lines of a surface f(x, y) (sampled on a grid),
 * one small multiple per panel, as an SVG string — the figure of the CAGrad (Liu et al. 2021, Fig. 1)
 * and Nash-MTL (Navon et al. 2022, Fig. 2) toy problems. Starts are dots, ends are rings.
 *
 * @example
 * const path: [number, number][] = [[8, 6], [4, 3], [0, 0]];
 * const points = [{ x: 0, y: 0, label: "minimum" }];
 * const svg = trajectoryPlot((x, y) => x * x + y * y, [{ label: "gd", path }], { points });
 * svg.includes("● gd"); // → true (the legend names each trajectory)
 */
export function trajectoryPlot(
  surface: (x: number, y: number) => number,
  trajectories: readonly Trajectory[],
  options: TrajectoryPlotOptions = {},
): string {
  const [x1, x2] = options.x ?? [-10, 10];
  const [y1, y2] = options.y ?? [-10, 10];
  const resolution = options.resolution ?? 60;
  checkInputs(trajectories, resolution);
  const panels = [...new Set(trajectories.map((t) => t.panel ?? ""))];
  const columns = Math.min(options.columns ?? 3, panels.length);
  const place = (panel: string) => ({
    column: panels.indexOf(panel) % columns,
    row: Math.floor(panels.indexOf(panel) / columns),
  });
  const points: PathPoint[] = trajectories.flatMap((t) =>
    t.path.map(([x, y]) => ({ x, y, label: t.label, panel: t.panel ?? "", ...place(t.panel ?? "") })),
  );
  const ends = trajectories.map((t) => ({
    x: t.path[t.path.length - 1]![0],
    y: t.path[t.path.length - 1]![1],
    label: t.label,
    ...place(t.panel ?? ""),
  }));
  const starts = trajectories.map((t) => ({
    x: t.path[0]![0],
    y: t.path[0]![1],
    label: t.label,
    ...place(t.panel ?? ""),
  }));
  const grid = sampleGrid(surface, [x1, x2], [y1, y2], resolution);
  const faceted = panels.length > 1;
  const panelWidth = options.panelWidth ?? (faceted ? 240 : 480);
  const rows = Math.ceil(panels.length / columns);
  const marks: Plot.Markish[] = [
    Plot.contour(grid, {
      width: resolution,
      height: resolution,
      x1,
      x2,
      y1,
      y2,
      stroke: "#bbb",
      fill: "none",
      thresholds: thresholdsOf(options.thresholds) as Plot.ContourOptions["thresholds"],
    }),
    Plot.line(points, {
      x: "x",
      y: "y",
      z: (p: PathPoint) => `${p.panel}|${p.label}`,
      stroke: "label",
      strokeWidth: 1.6,
      fx: "column",
      fy: "row",
    }),
    Plot.dot(starts, { x: "x", y: "y", fill: "label", r: 3, fx: "column", fy: "row" }),
    Plot.dot(ends, { x: "x", y: "y", stroke: "label", r: 5, strokeWidth: 1.5, fx: "column", fy: "row" }),
  ];
  const labels = [...new Set(trajectories.map((t) => t.label))];
  // A key drawn as text in the first panel: Plot's own legend would wrap the SVG in HTML.
  marks.push(
    ...labels.map((label, k) =>
      Plot.text([label], {
        frameAnchor: "bottom-left",
        dx: 4,
        dy: -4 - 12 * (labels.length - 1 - k),
        text: (l: string) => `● ${l}`,
        fill: (l: string) => l,
        stroke: "white",
        strokeWidth: 3,
        paintOrder: "stroke",
        fontSize: 10,
        fx: () => 0,
        fy: () => 0,
      }),
    ),
  );
  if (options.points?.length)
    marks.push(Plot.dot(options.points, { x: "x", y: "y", symbol: "times", r: 5, stroke: "black", strokeWidth: 2 }));
  if (faceted)
    marks.push(
      Plot.text(
        panels.map((panel) => ({ panel, ...place(panel) })),
        { frameAnchor: "top", dy: 4, text: "panel", fontWeight: "bold", fx: "column", fy: "row" },
      ),
    );
  // Marks without facet channels repeat in every panel: the title and key are pinned to the first.
  if (options.title) marks.push(titleMark(options.title, { fx: 0, fy: 0 }));
  return renderPlot({
    width: panelWidth * columns + 60,
    height: panelWidth * rows + titledMarginTop + 40,
    marginTop: titledMarginTop,
    x: { domain: [x1, x2], label: "x₁" },
    y: { domain: [y1, y2], label: "x₂" },
    fx: { axis: null },
    fy: { axis: null, padding: 0.12 },
    marks,
  });
}

/** Row-major samples f(x, y) at cell centres, the first row at y1 (as Plot.contour expects). */
function sampleGrid(
  surface: (x: number, y: number) => number,
  [x1, x2]: readonly [number, number],
  [y1, y2]: readonly [number, number],
  n: number,
): number[] {
  const values: number[] = [];
  for (let row = 0; row < n; row++) {
    for (let column = 0; column < n; column++)
      values.push(surface(x1 + ((column + 0.5) * (x2 - x1)) / n, y1 + ((row + 0.5) * (y2 - y1)) / n));
  }
  return values;
}

function thresholdsOf(thresholds: number | readonly number[] | undefined): number | number[] {
  if (thresholds === undefined) return 14;
  return typeof thresholds === "number" ? thresholds : [...thresholds];
}

function checkInputs(trajectories: readonly Trajectory[], resolution: number): void {
  const empty = trajectories.find(
    (t) => t.path.length === 0 || t.path.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y)),
  );
  if (trajectories.length === 0 || empty) {
    throw mtlError({
      code: "bad-trajectory",
      message:
        trajectories.length === 0
          ? "trajectoryPlot got no trajectories"
          : `trajectory "${empty?.label}" is empty or has a non-finite point`,
      fix: "pass trajectories with at least one finite [x, y] point each, e.g. toyTrajectory(...).path",
    });
  }
  if (!Number.isInteger(resolution) || resolution < 2) {
    throw mtlError({
      code: "bad-option",
      message: `trajectoryPlot's resolution is ${resolution} but must be an integer ≥ 2`,
      fix: "use e.g. resolution: 60",
    });
  }
}
