/** Where and how two 28×28 images are laid on one canvas. */
export interface PairLayout {
  /** Side of the square canvas in pixels (Sener & Koltun: 36). */
  canvas: number;
  /** The second image's offset down and to the right, in pixels (Sener & Koltun: 6). */
  shift: number;
  /** Side of the output after nearest-neighbour resizing; equal to `canvas` for no resizing. */
  output: number;
}

const side = 28;

/**
 * Overlays two 28×28 byte images as in Sener & Koltun (2018, MultiMNIST): the left image at the
 * canvas's top-left corner, the right one shifted by `shift` pixels down and right, the pixelwise
 * maximum where they overlap, then an optional nearest-neighbour resize; writes values / 255
 * into `target` at `offset`.
 *
 * @example
 * const [left, right] = [new Uint8Array(784).fill(255), new Uint8Array(784)];
 * const image = new Float32Array(36 * 36);
 * composePair(left, right, { canvas: 36, shift: 6, output: 36 }, image, 0);
 * [image[0], image[35 * 36 + 35]]; // → [1, 0] (left digit at the top-left; the corner beyond both is empty)
 */
export function composePair(
  left: Uint8Array,
  right: Uint8Array,
  layout: PairLayout,
  target: Float32Array,
  offset: number,
): void {
  const { canvas, output } = layout;
  for (let row = 0; row < output; row++) {
    const sourceRow = nearest(row, output, canvas);
    for (let col = 0; col < output; col++) {
      const value = canvasPixel(left, right, layout.shift, sourceRow, nearest(col, output, canvas));
      target[offset + row * output + col] = value / 255;
    }
  }
}

/** The pixel of the (unresized) canvas at (row, col): max of the two images where they overlap. */
function canvasPixel(left: Uint8Array, right: Uint8Array, shift: number, row: number, col: number): number {
  const fromLeft = row < side && col < side ? (left[row * side + col] as number) : 0;
  const r = row - shift;
  const c = col - shift;
  const fromRight = r >= 0 && c >= 0 && r < side && c < side ? (right[r * side + c] as number) : 0;
  return fromLeft > fromRight ? fromLeft : fromRight;
}

/** Nearest-neighbour source index, sampling at pixel centres (as PIL's NEAREST resize). */
function nearest(index: number, outputSize: number, inputSize: number): number {
  if (outputSize === inputSize) return index;
  return Math.min(inputSize - 1, Math.floor(((index + 0.5) * inputSize) / outputSize));
}
