import * as Plot from "@observablehq/plot";
import { renderPlot } from "./render-plot";
import { titleMark, titledMarginTop } from "./title-mark";
import { mtlError } from "../errors";

/** Options for {@link heatmap}. */
export interface HeatmapOptions {
  title?: string;
  rowLabels?: readonly string[];
  columnLabels?: readonly string[];
  /** Colour scheme; a diverging one ("rdbu") centres on 0, e.g. for cosine similarities. Default "blues". */
  scheme?: "blues" | "viridis" | "rdbu";
  /** Print each value in its cell. Default true when the matrix has at most 100 cells. */
  showValues?: boolean;
  width?: number;
}

interface Cell {
  row: string;
  column: string;
  value: number;
}

/**
 * Draws a matrix as a heatmap SVG — gate weights of each task over the experts, or the cosine
 * similarities between task gradients.
 *
 * @example
 * const svg = heatmap([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]], {
 *   rowLabels: ["task A", "task B"],
 *   columnLabels: ["expert 1", "expert 2", "expert 3"],
 * });
 * svg.startsWith("<svg"); // → true
 * svg.includes("expert 3"); // → true
 */
export function heatmap(matrix: readonly (readonly number[])[], options: HeatmapOptions = {}): string {
  const rows = matrix.length;
  const columns = matrix[0]?.length ?? 0;
  if (rows === 0 || columns === 0 || matrix.some((row) => row.length !== columns)) {
    throw mtlError({
      code: "bad-matrix",
      message:
        `heatmap needs a non-empty rectangular matrix; ` +
        `got ${rows} rows of lengths ${matrix.map((row) => row.length).join(", ") || "none"}`,
      fix: "pass an array of equal-length number arrays",
    });
  }
  const rowLabels = options.rowLabels ?? matrix.map((_, i) => `row ${i + 1}`);
  const columnLabels = options.columnLabels ?? (matrix[0] as readonly number[]).map((_, j) => `${j + 1}`);
  const cells: Cell[] = matrix.flatMap((row, i) =>
    row.map((value, j) => ({ row: rowLabels[i] ?? `${i}`, column: columnLabels[j] ?? `${j}`, value })),
  );
  const scheme = options.scheme ?? "blues";
  const showValues = options.showValues ?? cells.length <= 100;
  const marks: Plot.Markish[] = [Plot.cell(cells, { x: "column", y: "row", fill: "value", inset: 0.5 })];
  if (showValues) {
    marks.push(
      Plot.text(cells, {
        x: "column",
        y: "row",
        text: (cell: Cell) => cell.value.toFixed(2),
        fill: "black",
        stroke: "white",
        strokeWidth: 2,
        paintOrder: "stroke",
      }),
    );
  }
  if (options.title) marks.push(titleMark(options.title));
  return renderPlot({
    width: options.width ?? Math.min(640, 120 + columns * 60),
    height: 82 + rows * 36,
    marginTop: titledMarginTop,
    marginLeft: 90,
    x: { label: null, domain: [...columnLabels] },
    y: { label: null, domain: [...rowLabels] },
    color: scheme === "rdbu" ? { scheme: "rdbu", type: "diverging", pivot: 0 } : { scheme },
    marks,
  });
}
