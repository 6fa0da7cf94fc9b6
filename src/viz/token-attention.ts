import { mtlError } from "../errors";
import { checkMatrix } from "./interactive-heatmap";
import { baseLayout, tidyNumber } from "./plotly-layout";
import type { PlotlyFigure } from "./plotly-html";

/** Options for {@link tokenAttention}. */
export interface TokenAttentionOptions {
  title?: string;
  /** One label per row of weights, e.g. the task or head. Default "row 1", "row 2", …. */
  rowLabels?: readonly string[];
  /** Name of a weight on hover. Default "attention". */
  valueLabel?: string;
}

/**
 * Shows a text's tokens in order, each cell shaded by the attention a task (row) gives it; hovering a
 * token gives the task and the weight — how a task-specific attention layer reads a sentence.
 *
 * @example
 * const figure = tokenAttention(["the", "budget", "passed"], [[0.1, 0.7, 0.2], [0.2, 0.2, 0.6]],
 *   { rowLabels: ["party", "year"] });
 * figure.data[0].text; // → [["the", "budget", "passed"], ["the", "budget", "passed"]]
 * figure.data[0].y; // → ["party", "year"]
 */
export function tokenAttention(
  tokens: readonly string[],
  weights: readonly (readonly number[])[],
  options: TokenAttentionOptions = {},
): PlotlyFigure {
  const columns = checkMatrix(weights, "tokenAttention");
  if (columns !== tokens.length) {
    throw mtlError({
      code: "bad-matrix",
      message: `tokenAttention got ${tokens.length} tokens but ${columns} weights per row`,
      fix: "give one weight per token in every row",
    });
  }
  const rowLabels = options.rowLabels ?? weights.map((_, i) => `row ${i + 1}`);
  const positions = tokens.map((_, i) => i);
  return {
    data: [
      {
        type: "heatmap",
        x: positions,
        y: [...rowLabels],
        z: weights.map((row) => row.map(tidyNumber)),
        text: weights.map(() => [...tokens]),
        texttemplate: "%{text}",
        textfont: { size: 13 },
        colorscale: [
          [0, "#fff7ec"],
          [1, "#f16913"],
        ],
        xgap: 2,
        ygap: 4,
        zmin: 0,
        hovertemplate: `"%{text}" (token %{x})<br>%{y}: ${options.valueLabel ?? "attention"} %{z:.4f}<extra></extra>`,
      },
    ],
    layout: {
      ...baseLayout({
        title: options.title,
        height: 90 + weights.length * 44,
        width: Math.max(360, 120 + tokens.length * 64),
      }),
      xaxis: { showticklabels: false, showgrid: false, zeroline: false },
      yaxis: { type: "category", autorange: "reversed" },
      margin: { l: 90, r: 20, t: options.title ? 50 : 15, b: 15 },
    },
  };
}
