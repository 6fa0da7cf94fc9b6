import { mtlError } from "../errors";
import { baseLayout, palette, tidyNumber } from "./plotly-layout";
import type { PlotlyFigure } from "./plotly-html";
import { lossesOf, type EpochLosses } from "./types";

/** Options for {@link interactiveLossCurves}. */
export interface InteractiveLossCurvesOptions {
  title?: string;
  /** Log-scaled loss axis. Default false. */
  logScale?: boolean;
  /** Height in pixels. Default 400. */
  height?: number;
}

/**
 * Per-task training (solid) and validation (dashed) loss curves against the epoch that the reader can
 * zoom (drag a box; double-click to reset) and read on hover; takes what {@link lossCurves} takes.
 *
 * @example
 * const figure = interactiveLossCurves([
 *   { epoch: 0, train: { left: 1.2, right: 1.4 }, validation: { left: 1.1, right: 1.3 } },
 *   { epoch: 1, train: { left: 0.7, right: 0.9 }, validation: { left: 0.8, right: 1.0 } },
 * ]);
 * const names = figure.data.map((trace) => trace.name);
 * names.slice(0, 2); // → ["left · train", "left · validation"]
 * names.slice(2); // → ["right · train", "right · validation"]
 * figure.data[0].y; // → [1.2, 0.7]
 */
export function interactiveLossCurves(
  history: readonly EpochLosses[] | { readonly epochs: readonly EpochLosses[] },
  options: InteractiveLossCurvesOptions = {},
): PlotlyFigure {
  const epochs = "epochs" in history ? history.epochs : history;
  const tasks = [
    ...new Set(
      epochs.flatMap((row) => [
        ...Object.keys(lossesOf(row.train) ?? {}),
        ...Object.keys(lossesOf(row.validation) ?? {}),
      ]),
    ),
  ];
  const data: Record<string, unknown>[] = [];
  tasks.forEach((task, index) => {
    for (const split of ["train", "validation"] as const) {
      const rows = epochs.filter((row) => Number.isFinite(lossesOf(row[split])?.[task]));
      if (rows.length === 0) continue;
      data.push({
        type: "scatter",
        mode: rows.length > 1 ? "lines" : "markers",
        name: `${task} · ${split}`,
        legendgroup: task,
        x: rows.map((row) => row.epoch + 1),
        y: rows.map((row) => tidyNumber(lossesOf(row[split])?.[task] as number)),
        line: { color: palette[index % palette.length], dash: split === "train" ? "solid" : "dash", width: 2 },
        hovertemplate: `${task} (${split})<br>epoch %{x}<br>loss %{y:.4f}<extra></extra>`,
      });
    }
  });
  if (data.length === 0) {
    throw mtlError({
      code: "empty-history",
      message: "interactiveLossCurves got a history with no finite losses",
      fix: "train for at least one epoch before plotting",
    });
  }
  return {
    data,
    layout: {
      ...baseLayout({ title: options.title, height: options.height ?? 400 }),
      xaxis: { title: { text: "epoch" }, gridcolor: "#eee", tickformat: "d" },
      yaxis: { title: { text: "loss" }, gridcolor: "#eee", type: options.logScale ? "log" : "linear" },
      hovermode: "closest",
    },
  };
}
