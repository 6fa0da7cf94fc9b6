/** Layout every mtlkit Plotly figure shares: the course's font, a white background, a title. */
export function baseLayout(options: { title?: string; width?: number; height: number }): Record<string, unknown> {
  return {
    ...(options.title ? { title: { text: options.title, x: 0.02, xanchor: "left", font: { size: 15 } } } : {}),
    ...(options.width ? { width: options.width } : {}),
    height: options.height,
    font: { family: "system-ui, -apple-system, 'Segoe UI', sans-serif", size: 12 },
    paper_bgcolor: "white",
    plot_bgcolor: "white",
    margin: { l: 60, r: 20, t: options.title ? 50 : 20, b: 50 },
    hoverlabel: { namelength: -1 },
  };
}

/** Rounds to 6 significant digits: the figure reads the same and its HTML stays small. */
export function tidyNumber(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
}

/** Colours of the Observable 10 scheme, so interactive figures match the static ones. */
export const palette = [
  "#4269d0",
  "#efb118",
  "#ff725c",
  "#6cc5b0",
  "#3ca951",
  "#ff8ab7",
  "#a463f2",
  "#97bbf5",
  "#9c6b4e",
  "#9498a0",
];
