import * as Plot from "@observablehq/plot";
import { renderPlot } from "./render-plot";
import { titleMark, titledMarginTop } from "./title-mark";
import { lossesOf, type EpochLosses } from "./types";
import { mtlError } from "../errors";

/** Options for {@link lossCurves}. */
export interface LossCurvesOptions {
  /** Plot title. Default: none. */
  title?: string;
  /** Width in pixels. Default 640. */
  width?: number;
  /** Height in pixels. Default 320. */
  height?: number;
  /** Log-scaled loss axis, for tasks on very different scales. Default false. */
  logScale?: boolean;
}

interface CurvePoint {
  epoch: number;
  loss: number;
  task: string;
  split: "train" | "validation";
}

function curvePoints(epochs: readonly EpochLosses[]): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (const row of epochs) {
    for (const [task, loss] of Object.entries(lossesOf(row.train) ?? {}))
      points.push({ epoch: row.epoch + 1, loss, task, split: "train" });
    for (const [task, loss] of Object.entries(lossesOf(row.validation) ?? {}))
      points.push({ epoch: row.epoch + 1, loss, task, split: "validation" });
  }
  return points;
}

/**
 * A key in the top-right corner, one coloured line of text per task, drawn as SVG text because
 * Plot's own legends are HTML; labels at the lines' ends collide when curves converge.
 */
function legendMarks(tasks: readonly string[]): Plot.Markish[] {
  return tasks.map((task, index) =>
    Plot.text([task], {
      frameAnchor: "top-right",
      dy: 4 + 14 * index,
      dx: 100,
      textAnchor: "end",
      text: (name: string) => `— ${name}`,
      fill: () => task,
      fontSize: 11,
    }),
  );
}

/**
 * Draws per-task training (solid) and validation (dashed) loss curves against the epoch, as an SVG
 * string. Accepts the history `train()` returns, its `epochs` array, or plain rows as below.
 *
 * @example
 * const svg = lossCurves([
 *   { epoch: 0, train: { left: 1.2, right: 1.4 }, validation: { left: 1.1, right: 1.3 } },
 *   { epoch: 1, train: { left: 0.7, right: 0.9 }, validation: { left: 0.8, right: 1.0 } },
 * ]);
 * svg.startsWith("<svg"); // → true
 */
export function lossCurves(
  history: readonly EpochLosses[] | { readonly epochs: readonly EpochLosses[] },
  options: LossCurvesOptions = {},
): string {
  const epochs = "epochs" in history ? history.epochs : history;
  const points = curvePoints(epochs).filter((point) => Number.isFinite(point.loss));
  if (points.length === 0) {
    throw mtlError({
      code: "empty-history",
      message: "lossCurves got a history with no finite losses",
      fix: "train for at least one epoch before plotting",
    });
  }
  const { title, width = 640, height = 320, logScale = false } = options;
  const lastEpoch = Math.max(...points.map((point) => point.epoch));
  const hasValidation = points.some((point) => point.split === "validation");
  const caption = `${title ? `${title} — ` : ""}solid: train${hasValidation ? " · dashed: validation" : ""}`;
  // Title and key are SVG text, not Plot's HTML <figure> wrapper, so the result stays a pure SVG.
  return renderPlot({
    width,
    height,
    marginTop: titledMarginTop,
    marginRight: 110,
    // Few epochs: one tick per epoch; left to Plot, "d" would print 1, 1, 2, 2, 3 under fractional ticks.
    x: {
      label: "epoch",
      tickFormat: "d",
      ...(lastEpoch <= 12 ? { ticks: Array.from({ length: lastEpoch }, (_, i) => i + 1) } : {}),
    },
    y: { label: "loss", type: logScale ? "log" : "linear", grid: true },
    marks: [
      titleMark(caption),
      Plot.line(
        points.filter((point) => point.split === "train"),
        {
          x: "epoch",
          y: "loss",
          stroke: "task",
          z: "task",
          marker: epochs.length <= 30 ? "dot" : null,
        },
      ),
      Plot.line(
        points.filter((point) => point.split === "validation"),
        {
          x: "epoch",
          y: "loss",
          stroke: "task",
          z: "task",
          strokeDasharray: "4,3",
        },
      ),
      ...legendMarks([...new Set(points.map((point) => point.task))]),
    ],
  });
}
