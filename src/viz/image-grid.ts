import * as Plot from "@observablehq/plot";
import { mtlError } from "../errors";
import { renderPlot } from "./render-plot";
import { titleMark, titledMarginTop } from "./title-mark";

/** One small image: a label and its H×W values (row 0 at the top). */
export interface GridImage {
  label: string;
  values: readonly (readonly number[])[];
}

/** Options for {@link imageGrid}. */
export interface ImageGridOptions {
  title?: string;
  /** Colour scheme. Default "viridis"; "greys" draws low values white and high values black (digits). */
  scheme?: "greys" | "viridis" | "blues";
  /** Colour range; default [min, max] over all images. Use [0, 1] for attention masks. */
  domain?: readonly [number, number];
  /** Pixel size of one image. Default 140. */
  size?: number;
}

interface Pixel {
  label: string;
  row: number;
  column: number;
  value: number;
}

/**
 * Draws small images side by side with one shared colour scale — an input and each task's
 * attention mask over it (MTAN, Liu et al. 2019, Fig. 5), for instance — as an SVG string.
 *
 * @example
 * const images = [
 *   { label: "input", values: [[0, 1], [1, 0]] },
 *   { label: "mask", values: [[0.2, 0.9], [0.8, 0.1]] },
 * ];
 * imageGrid(images, { domain: [0, 1] }).includes("mask"); // → true
 */
export function imageGrid(images: readonly GridImage[], options: ImageGridOptions = {}): string {
  const pixels: Pixel[] = images.flatMap((image) =>
    image.values.flatMap((row, i) => row.map((value, j) => ({ label: image.label, row: i, column: j, value }))),
  );
  if (pixels.length === 0) {
    throw mtlError({
      code: "bad-matrix",
      message: `imageGrid got ${images.length} images and no pixels`,
      fix: "pass [{ label, values: number[][] }] with non-empty values",
    });
  }
  const labels = images.map((image) => image.label);
  const size = options.size ?? 140;
  const values = pixels.map((p) => p.value);
  const domain = options.domain ?? [Math.min(...values), Math.max(...values)];
  const marks: Plot.Markish[] = [Plot.cell(pixels, { x: "column", y: "row", fx: "label", fill: "value", inset: 0 })];
  if (options.title) marks.push(titleMark(options.title, { fx: labels[0] }));
  return renderPlot({
    width: labels.length * (size + 16) + 20,
    height: size + titledMarginTop + 40,
    marginTop: titledMarginTop,
    marginLeft: 10,
    marginRight: 10,
    x: { axis: null, padding: 0 },
    y: { axis: null, padding: 0 },
    fx: { label: null, domain: labels },
    color: { scheme: options.scheme ?? "viridis", domain: [...domain], legend: false },
    marks,
  });
}
