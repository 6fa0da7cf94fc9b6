import * as Plot from "@observablehq/plot";

/** Top margin that leaves room for {@link titleMark} above the y-axis label. */
export const titledMarginTop = 52;

/**
 * A bold title drawn as SVG text above the frame (of the panel `facet` names, in a faceted figure). Plot's own
 * `title` option wraps the SVG in an HTML <figure>; this keeps figures pure SVG so they also stand alone as .svg
 * files.
 */
export function titleMark(title: string, facet: { fx?: unknown; fy?: unknown } = {}): Plot.Markish {
  // In a faceted figure the title belongs to the first panel only, named by its facet values.
  const channels: Record<string, () => unknown> = {};
  if (facet.fx !== undefined) channels.fx = () => facet.fx;
  if (facet.fy !== undefined) channels.fy = () => facet.fy;
  return Plot.text([title], {
    frameAnchor: "top-left",
    dy: -26,
    fontSize: 13,
    fontWeight: "bold",
    text: (line: string) => line,
    ...channels,
  });
}
