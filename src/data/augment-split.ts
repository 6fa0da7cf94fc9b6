import { createRng, type Rng } from "../backend/random";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { checkAugmentation, type TransformName } from "./augment-guard";
import type { Column, Split } from "./types";

/** Options of {@link augmentSplit}. */
export interface AugmentOptions {
  /** The split's tasks; each must be able to follow every transform (see `checkAugmentation`). */
  tasks: readonly TaskSpec[];
  /** Transforms to draw from: each flip is applied to a sample with probability ½, a shift always. */
  transforms: readonly TransformName[];
  /** Largest shift in pixels along each axis. Default 4. */
  maxShift?: number;
  /** Per task, the transforms its labels do not change (overrides the guard). Default none. */
  invariances?: Readonly<Record<string, readonly TransformName[]>>;
  /** The image input, [H, W, C] per sample. Default "image". */
  input?: string;
  /** Fixes every draw. Default 0. */
  seed?: number;
}

/** One sample's draw: where each output pixel (y, x) reads from is (y·sy + oy, x·sx + ox). */
interface Move {
  flipX: boolean;
  flipY: boolean;
  dx: number;
  dy: number;
}

/**
 * A copy of a split with every image moved by a random geometric transform — and every box and
 * mask moved with it, so each task's labels stay right; other targets are copied unchanged. Boxes
 * are normalised [xMin, yMin, xMax, yMax] with exclusive max edges; a shift never pushes a box off
 * the canvas (it is clamped to the room the box has), so the box stays the pixels' tight box.
 *
 * @example
 * const data = await loadMnistLocalization({ train: 8, validation: 0, test: 1, tasks: ["digit", "box", "mask"] });
 * const moved = augmentSplit(data.train, { tasks: data.tasks, transforms: ["shift"], seed: 1 });
 * moved.size; // 8
 */
export function augmentSplit(split: Split, options: AugmentOptions): Split {
  checkAugmentation(options.tasks, options.transforms, options.invariances);
  const inputName = options.input ?? "image";
  const image = split.inputs[inputName];
  if (image === undefined || image.shape.length !== 3) {
    throw mtlError({
      code: "missing-input",
      message:
        `augmentation needs an image input "${inputName}" of shape [H, W, C] per sample, ` +
        `found ${image ? `[${image.shape.join(", ")}]` : "none"}`,
      fix: "set input to the name of the split's image column",
    });
  }
  const [height, width, channels] = image.shape as [number, number, number];
  const boxTasks = options.tasks.filter((task) => task.kind === "bbox").map((task) => task.name);
  const rng = createRng(options.seed ?? 0);
  const moves = Array.from({ length: split.size }, (_, i) =>
    drawMove(rng, options, room(split, boxTasks, i, width, height)),
  );
  const targets: Record<string, Column> = {};
  for (const task of options.tasks) {
    const column = split.targets[task.name] as Column;
    if (task.kind === "mask") targets[task.name] = movePixels(column, moves, height, width, 1);
    else if (task.kind === "bbox") targets[task.name] = moveBoxes(column, moves, width, height);
    else targets[task.name] = column;
  }
  const inputs = { ...split.inputs, [inputName]: movePixels(image, moves, height, width, channels) };
  return { ...split, inputs, targets: { ...split.targets, ...targets } };
}

// How far sample i may shift left, right, up, down (in pixels) without a box leaving the canvas.
function room(split: Split, boxTasks: readonly string[], i: number, width: number, height: number): number[] {
  const limits = [Infinity, Infinity, Infinity, Infinity];
  for (const name of boxTasks) {
    const box = (split.targets[name] as Column).values.subarray(4 * i, 4 * i + 4);
    if (!Array.from(box).every((value) => value >= 0 && value <= 1)) {
      throw mtlError({
        code: "box-out-of-range",
        message: `task "${name}"'s box of sample ${i} is [${Array.from(box).join(", ")}], outside [0, 1]`,
        fix: "give boxes divided by the image's width and height before augmenting",
      });
    }
    const pixels = [box[0]! * width, (1 - box[2]!) * width, box[1]! * height, (1 - box[3]!) * height];
    pixels.forEach((value, k) => (limits[k] = Math.min(limits[k]!, Math.floor(value + 1e-4))));
  }
  return limits;
}

function drawMove(rng: Rng, options: AugmentOptions, limits: number[]): Move {
  const has = (name: TransformName) => options.transforms.includes(name);
  const rotate = has("rotate180") && rng.next() < 0.5;
  const flipX = (has("flipHorizontal") && rng.next() < 0.5) !== rotate;
  const flipY = (has("flipVertical") && rng.next() < 0.5) !== rotate;
  const maxShift = options.maxShift ?? 4;
  const shift = (less: number, more: number) => {
    const low = -Math.min(maxShift, less);
    return low + rng.int(Math.min(maxShift, more) - low + 1);
  };
  // A flip mirrors the room too: after flipping, the room on the left is the room the box had on the right.
  const [left, right, up, down] = limits as [number, number, number, number];
  const dx = has("shift") ? (flipX ? shift(right, left) : shift(left, right)) : 0;
  const dy = has("shift") ? (flipY ? shift(down, up) : shift(up, down)) : 0;
  return { flipX, flipY, dx, dy };
}

// Output pixel (y, x) reads input (y', x') with x' = (flipX ? W − 1 − (x − dx) : x − dx); zero outside.
function movePixels(column: Column, moves: readonly Move[], height: number, width: number, channels: number): Column {
  const values = new Float32Array(column.values.length);
  const area = height * width * channels;
  moves.forEach((move, n) => {
    for (let y = 0; y < height; y++) {
      const sy = move.flipY ? height - 1 - (y - move.dy) : y - move.dy;
      if (sy < 0 || sy >= height) continue;
      for (let x = 0; x < width; x++) {
        const sx = move.flipX ? width - 1 - (x - move.dx) : x - move.dx;
        if (sx < 0 || sx >= width) continue;
        const to = n * area + (y * width + x) * channels;
        const from = n * area + (sy * width + sx) * channels;
        for (let c = 0; c < channels; c++) values[to + c] = column.values[from + c] as number;
      }
    }
  });
  return { ...column, values };
}

function moveBoxes(column: Column, moves: readonly Move[], width: number, height: number): Column {
  const values = new Float32Array(column.values.length);
  moves.forEach((move, n) => {
    let [x1, y1, x2, y2] = Array.from(column.values.subarray(4 * n, 4 * n + 4));
    if (move.flipX) [x1, x2] = [1 - x2!, 1 - x1!];
    if (move.flipY) [y1, y2] = [1 - y2!, 1 - y1!];
    // Clamped because float32 rounding can leave an edge at −1e−8, which a sigmoid box head would refuse.
    const moved = [x1! + move.dx / width, y1! + move.dy / height, x2! + move.dx / width, y2! + move.dy / height];
    values.set(
      moved.map((value) => Math.min(1, Math.max(0, value))),
      4 * n,
    );
  });
  return { ...column, values };
}
