import * as Plot from "@observablehq/plot";

/** Top margin that leaves room for {@link titleMark} above the y-axis label. */
export const titledMarginTop = 52;

/**
 * A bold title drawn as SVG text above the frame. Plot's own `title` option wraps the SVG in an
 * HTML <figure>; this keeps figures pure SVG so they also stand alone as .svg files.
 */
export function titleMark(title: string): Plot.Markish {
  return Plot.text([title], { frameAnchor: "top-left", dy: -26, fontSize: 13, fontWeight: "bold", text: (line: string) => line });
}
