import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

let cachedDocument: Document | undefined;

function serverDocument(): Document {
  cachedDocument ??= parseHTML("<!DOCTYPE html><html><head></head><body></body></html>")
    .document as unknown as Document;
  return cachedDocument;
}

/**
 * Renders an Observable Plot figure to an SVG string in Node, with linkedom as the DOM.
 * The `xmlns` attribute Plot leaves out is added so the SVG also stands alone as a file.
 *
 * @example
 * const Plot = await import("@observablehq/plot");
 * const svg = renderPlot({ marks: [Plot.lineY([1, 3, 2])] });
 * svg.startsWith("<svg"); // → true
 */
export function renderPlot(options: Plot.PlotOptions): string {
  const figure = Plot.plot({ ...options, document: serverDocument() });
  const html = (figure as unknown as { outerHTML: string }).outerHTML;
  return html.replace(/<svg(?![^>]*xmlns=)/g, '<svg xmlns="http://www.w3.org/2000/svg"');
}
