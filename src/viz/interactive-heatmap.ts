import { mtlError } from "../errors";
import { baseLayout, tidyNumber } from "./plotly-layout";
import type { PlotlyFigure } from "./plotly-html";

/** Options for {@link interactiveHeatmap}. */
export interface InteractiveHeatmapOptions {
  title?: string;
  rowLabels?: readonly string[];
  columnLabels?: readonly string[];
  /** Colour scheme; "rdbu" is diverging and centred on 0 (cosine similarities). Default "blues". */
  scheme?: "blues" | "viridis" | "rdbu";
  /** Name of a cell's value on hover, e.g. "gate weight". Default "value". */
  valueLabel?: string;
  /** Print each value in its cell. Default true when the matrix has at most 100 cells. */
  showValues?: boolean;
}

const scales = { blues: "Blues", viridis: "Viridis", rdbu: "RdBu" } as const;

/** Checks a matrix is non-empty and rectangular; returns its column count. */
export function checkMatrix(matrix: readonly (readonly number[])[], caller: string): number {
  const columns = matrix[0]?.length ?? 0;
  if (matrix.length === 0 || columns === 0 || matrix.some((row) => row.length !== columns)) {
    throw mtlError({
      code: "bad-matrix",
      message:
        `${caller} needs a non-empty rectangular matrix; got ${matrix.length} rows of lengths ` +
        `${matrix.map((row) => row.length).join(", ") || "none"}`,
      fix: "pass an array of equal-length number arrays",
    });
  }
  return columns;
}

/**
 * Draws a matrix as a heatmap whose cells give their row, column and value on hover — gate weights
 * of each task over the experts, attention weights, or cosines between task gradients. Rows run top
 * to bottom as in the matrix; the same options as the static {@link heatmap}.
 *
 * @example
 * const figure = interactiveHeatmap([[0.7, 0.3], [0.2, 0.8]], {
 *   rowLabels: ["task1", "task2"], columnLabels: ["expert 1", "expert 2"], valueLabel: "gate weight",
 * });
 * figure.data[0].z; // → [[0.7, 0.3], [0.2, 0.8]]
 * figure.data[0].hovertemplate; // → "%{y} · %{x}<br>gate weight %{z:.4f}<extra></extra>"
 */
export function interactiveHeatmap(
  matrix: readonly (readonly number[])[],
  options: InteractiveHeatmapOptions = {},
): PlotlyFigure {
  const columns = checkMatrix(matrix, "interactiveHeatmap");
  const rowLabels = options.rowLabels ?? matrix.map((_, i) => `row ${i + 1}`);
  const columnLabels = options.columnLabels ?? Array.from({ length: columns }, (_, j) => `${j + 1}`);
  const scheme = options.scheme ?? "blues";
  const showValues = options.showValues ?? matrix.length * columns <= 100;
  const z = matrix.map((row) => row.map(tidyNumber));
  const trace: Record<string, unknown> = {
    type: "heatmap",
    z,
    x: [...columnLabels],
    y: [...rowLabels],
    colorscale: scales[scheme],
    hovertemplate: `%{y} · %{x}<br>${options.valueLabel ?? "value"} %{z:.4f}<extra></extra>`,
    xgap: 1,
    ygap: 1,
  };
  // Plotly's "Blues" runs dark to light; reversed, larger values are darker as in the static heatmap.
  if (scheme === "blues") Object.assign(trace, { reversescale: true });
  if (scheme === "rdbu") Object.assign(trace, { zmid: 0 });
  if (showValues) Object.assign(trace, { texttemplate: "%{z:.2f}", textfont: { size: 12 } });
  return {
    data: [trace],
    layout: {
      ...baseLayout({ title: options.title, height: 110 + matrix.length * 40 }),
      xaxis: { type: "category", side: "bottom" },
      yaxis: { type: "category", autorange: "reversed" },
      margin: { l: 100, r: 20, t: options.title ? 50 : 20, b: 50 },
    },
  };
}
