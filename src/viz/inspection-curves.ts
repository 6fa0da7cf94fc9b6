import * as Plot from "@observablehq/plot";
import { mtlError } from "../errors";
import { renderPlot } from "./render-plot";
import { titleMark, titledMarginTop } from "./title-mark";

/** The part of an inspection record that {@link inspectionCurves} reads. */
export interface InspectionValues {
  epoch: number;
  values: Readonly<Record<string, readonly (readonly number[])[]>>;
}

/** Options for {@link inspectionCurves}. */
export interface InspectionCurvesOptions {
  /** The inspected matrices to draw, one panel each, e.g. ["stitch/0", "stitch/1"]. */
  keys: readonly string[];
  /** Names of the matrices' rows, e.g. the tasks. Default "1", "2", … */
  rowLabels?: readonly string[];
  /** Names of the matrices' columns. Default "1", "2", … */
  columnLabels?: readonly string[];
  /** y-axis label. Default "value". */
  yLabel?: string;
  title?: string;
  width?: number;
  /** Height of one panel. Default 160. */
  panelHeight?: number;
}

interface Point {
  key: string;
  series: string;
  epoch: number;
  value: number;
}

/**
 * Draws every entry of one or more inspected matrices against the epoch — e.g. each cross-stitch
 * coefficient α_ts (Misra et al. 2016) or each task's mean gate weight per expert — one panel per
 * key, one line per (row, column), labelled "row · column". Takes `inspectionRecorder().records`.
 *
 * @example
 * const stitch = (epoch: number) => [[0.9 - 0.1 * epoch, 0.1 + 0.1 * epoch], [0.1, 0.9]];
 * const records = [0, 1, 2].map((epoch) => ({ epoch, values: { "stitch/0": stitch(epoch) } }));
 * const labels = { rowLabels: ["left", "right"], columnLabels: ["from left", "from right"] };
 * inspectionCurves(records, { keys: ["stitch/0"], ...labels }).includes("left · from right"); // → true
 */
export function inspectionCurves(records: readonly InspectionValues[], options: InspectionCurvesOptions): string {
  const points = records.flatMap((record) => options.keys.flatMap((key) => pointsOf(record, key, options)));
  if (points.length === 0) {
    const known = [...new Set(records.flatMap((record) => Object.keys(record.values)))];
    throw mtlError({
      code: "empty-history",
      message: `inspectionCurves found no values for keys ${JSON.stringify(options.keys)} in ${records.length} records`,
      fix: `use keys the model inspects: ${JSON.stringify(known)}`,
    });
  }
  const keys = options.keys.filter((key) => points.some((p) => p.key === key));
  const marks: Plot.Markish[] = [
    Plot.line(points, { x: "epoch", y: "value", z: "series", stroke: "series", marker: "dot", fy: "key" }),
    Plot.text(
      points,
      Plot.selectLast({
        x: "epoch",
        y: "value",
        z: "series",
        text: "series",
        fill: "series",
        textAnchor: "start",
        dx: 6,
        fontSize: 10,
        fy: "key",
      }),
    ),
    Plot.text(keys, {
      frameAnchor: "top",
      dy: 2,
      text: (key: string) => key,
      fontWeight: "bold",
      fy: (key: string) => key,
    }),
  ];
  if (options.title) marks.push(titleMark(options.title, { fy: keys[0] }));
  return renderPlot({
    width: options.width ?? 640,
    height: (options.panelHeight ?? 160) * keys.length + titledMarginTop + 40,
    marginTop: titledMarginTop,
    marginRight: 130,
    x: { label: "epoch (−1 = before training)" },
    y: { label: options.yLabel ?? "value", grid: true },
    fy: { label: null, domain: keys, axis: null, padding: 0.15 },
    marks,
  });
}

function pointsOf(record: InspectionValues, key: string, options: InspectionCurvesOptions): Point[] {
  const matrix = record.values[key];
  if (matrix === undefined) return [];
  return matrix.flatMap((row, i) =>
    row.flatMap((value, j) => {
      if (!Number.isFinite(value)) return [];
      const rowLabel = options.rowLabels?.[i] ?? `${i + 1}`;
      const series =
        row.length === 1 && matrix.length > 1 ? rowLabel : `${rowLabel} · ${options.columnLabels?.[j] ?? `${j + 1}`}`;
      return [{ key, series, epoch: record.epoch, value }];
    }),
  );
}
