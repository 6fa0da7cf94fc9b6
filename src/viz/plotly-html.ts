import { randomBytes } from "node:crypto";
import { plotlyBundle } from "./plotly-bundle";

/** A Plotly figure as plain data: traces, layout and config, exactly what `Plotly.newPlot` takes. */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** Options for {@link plotlyHtml}. */
export interface PlotlyHtmlOptions {
  /**
   * "inline" puts the whole plotly.js bundle (~4.8 MB) before the figure; "none" expects an earlier
   * output or the page to have loaded it. Default "none".
   */
  bundle?: "inline" | "none";
  /** Seconds the figure waits for `window.Plotly` before it says the bundle is missing. Default 20. */
  waitSeconds?: number;
}

/** The figure's title text, for `data-title` and the plain-text fallback. */
export function figureTitle(figure: PlotlyFigure): string {
  const title = figure.layout.title as { text?: string } | string | undefined;
  return (typeof title === "string" ? title : title?.text) ?? "interactive figure";
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * Renders a Plotly figure as HTML: a `div.mtlkit-plotly` and a script that draws into it once
 * `window.Plotly` exists — polling, so the figure works whichever output or page script loads the
 * bundle, and in whatever order a browser runs them.
 *
 * @example
 * const html = plotlyHtml({ data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "demo" } } });
 * html.includes('class="mtlkit-plotly"'); // → true
 * html.includes("data-mtlkit-plotly-bundle"); // → false
 */
export function plotlyHtml(figure: PlotlyFigure, options: PlotlyHtmlOptions = {}): string {
  const id = `mtlkit-plotly-${randomBytes(6).toString("hex")}`;
  const height = typeof figure.layout.height === "number" ? figure.layout.height : 420;
  const width = typeof figure.layout.width === "number" ? `max-width:${figure.layout.width}px;` : "";
  const spec = JSON.stringify({
    data: figure.data,
    layout: figure.layout,
    config: { responsive: true, displaylogo: false, ...figure.config },
  }).replace(/</g, "\\u003c");
  const waitMs = Math.round((options.waitSeconds ?? 20) * 1000);
  const bundle = options.bundle === "inline" ? plotlyBundle() : undefined;
  const bundleScript = bundle
    ? `<script data-mtlkit-plotly-bundle="${bundle.version}">${bundle.source}</script>\n`
    : "";
  const missing =
    "The plotly.js bundle is not on this page: it comes with the first interactive figure a kernel shows. " +
    "Restart the kernel and run the notebook again, or show this figure with showPlotly(figure, { bundle: " +
    "&quot;inline&quot; }).";
  return (
    `${bundleScript}<div class="mtlkit-plotly" id="${id}" data-title="${escapeAttribute(figureTitle(figure))}" ` +
    `style="width:100%;${width}height:${height}px"></div>\n<script>(function () {\n` +
    `  var spec = ${spec};\n  var started = Date.now();\n  function draw() {\n` +
    `    var element = document.getElementById("${id}");\n    if (!element) return;\n` +
    `    if (window.Plotly) { window.Plotly.newPlot(element, spec.data, spec.layout, spec.config); return; }\n` +
    `    if (Date.now() - started < ${waitMs}) { setTimeout(draw, 50); return; }\n` +
    `    element.style.height = "auto";\n` +
    `    element.innerHTML = "<p class=\\"mtlkit-plotly-missing\\">${missing.replace(/"/g, '\\"')}</p>";\n` +
    `  }\n  setTimeout(draw, 0);\n})();</script>`
  );
}
