import { showOutput } from "./notebook-output";
import { figureTitle, plotlyHtml, type PlotlyFigure } from "./plotly-html";

/** Options for {@link showPlotly}. */
export interface ShowPlotlyOptions {
  /**
   * "auto" inlines the plotly.js bundle with the first figure this kernel shows and not again; "inline"
   * always does (e.g. after the output that carried it was cleared and the page reloaded). Default "auto".
   */
  bundle?: "auto" | "inline";
}

// Kept on globalThis so that two copies of mtlkit loaded in one kernel agree; a kernel restart resets it.
const sentKey = Symbol.for("mtlkit.plotlyBundleSent");
type WithFlag = typeof globalThis & { [sentKey]?: boolean };

/**
 * Displays a Plotly figure in a notebook as `text/html`; the first figure of a kernel session carries
 * the plotly.js bundle and later ones reuse it, so re-running a cell never adds a second copy. Returns
 * nothing (a cell ending in it prints no HTML); outside a notebook it does nothing.
 *
 * @example
 * showPlotly(interactiveHeatmap([[0.7, 0.3], [0.2, 0.8]], { title: "gates" }));
 */
export function showPlotly(figure: PlotlyFigure, options: ShowPlotlyOptions = {}): void {
  const state = globalThis as WithFlag;
  const inline = options.bundle === "inline" || !state[sentKey];
  const shown = showOutput({
    "text/html": plotlyHtml(figure, { bundle: inline ? "inline" : "none" }),
    "text/plain": `[interactive figure: ${figureTitle(figure)}]`,
  });
  if (shown && inline) state[sentKey] = true;
}
