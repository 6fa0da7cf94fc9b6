import { createRng, type Rng } from "../backend/random";
import type { TaskSpec } from "../tasks/types";
import { checkCount } from "./check-count";
import { floatColumn, intColumn } from "./column";
import { composePair, type PairLayout } from "./compose-pair";
import type { ImagePool } from "./image-pool";
import { selectTasks } from "./select-tasks";
import type { Dataset, Split } from "./types";

/** Options of {@link loadMultiMnist} and {@link loadMultiFashion}. */
export interface MultiDigitOptions {
  /** Fixes the splits and the pairing. Default 0. */
  seed?: number;
  /** Training images, drawn from the source's 60,000 training images. Default 3000. */
  train?: number;
  /** Validation images, drawn from the source's training images, disjoint from `train`. Default 500. */
  validation?: number;
  /** Test images, drawn from the source's 10,000 test images. Default 1000. */
  test?: number;
  /** Side of the square canvas. Default 36 (Sener & Koltun 2018). */
  canvas?: number;
  /** Offset of the right image, down and right, in pixels. Default 6 (Sener & Koltun 2018). */
  shift?: number;
  /** Resize the canvas to this side with nearest-neighbour sampling (Sener & Koltun: 28). Default: no resize. */
  resize?: number;
  /** Which tasks to return, among "left" and "right". Default both. */
  tasks?: string[];
}

/** The pools a multi-digit dataset is cut from, and its names. */
export interface MultiDigitSource {
  name: string;
  description: string;
  trainPool: ImagePool;
  testPool: ImagePool;
}

/**
 * Builds a two-task dataset of overlaid image pairs (Sener & Koltun 2018's MultiMNIST
 * construction) from a source's train and test pools: every sample's left image is a distinct
 * pool image, its right image a uniformly drawn image of the same split.
 *
 * @example
 * const pool = readMnist("test");
 * const source = { name: "multimnist", description: "…", trainPool: pool, testPool: pool };
 * const data = multiDigitDataset(source, { seed: 1, train: 100, validation: 10, test: 10 });
 * data.train.inputs.image.shape; // → [36, 36, 1]
 */
export function multiDigitDataset(source: MultiDigitSource, options: MultiDigitOptions): Dataset {
  const { name, trainPool, testPool } = source;
  const layout = resolveLayout(name, options);
  const validation = checkCount(name, "validation", options.validation ?? 500, 0, trainPool.count - 1);
  const train = checkCount(name, "train", options.train ?? 3000, 1, trainPool.count - validation);
  const test = checkCount(name, "test", options.test ?? 1000, 1, testPool.count);
  const seed = options.seed ?? 0;
  const tasks = selectTasks(name, pairTasks(trainPool.classNames), options.tasks);
  const rng = createRng(seed);
  const trainRng = rng.fork();
  const testRng = rng.fork();
  const order = trainRng.permutation(trainPool.count);
  const testOrder = testRng.permutation(testPool.count);
  return {
    name,
    tasks,
    seed,
    source: source.description,
    train: pairSplit(trainPool, order.subarray(0, train), layout, trainRng, tasks),
    validation: pairSplit(trainPool, order.subarray(train, train + validation), layout, trainRng, tasks),
    test: pairSplit(testPool, testOrder.subarray(0, test), layout, testRng, tasks),
  };
}

function resolveLayout(name: string, options: MultiDigitOptions): PairLayout {
  const canvas = checkCount(name, "canvas", options.canvas ?? 36, 28, 256);
  const shift = checkCount(name, "shift", options.shift ?? 6, 0, canvas - 28);
  const output = checkCount(name, "resize", options.resize ?? canvas, 8, 256);
  return { canvas, shift, output };
}

function pairTasks(classNames: readonly string[]): TaskSpec[] {
  return (["left", "right"] as const).map((side) => ({
    name: side,
    kind: "classification",
    classes: 10,
    labels: classNames,
    description: `class of the ${side === "left" ? "top-left" : "bottom-right (shifted)"} image`,
  }));
}

function pairSplit(pool: ImagePool, lefts: Int32Array, layout: PairLayout, rng: Rng, tasks: TaskSpec[]): Split {
  const size = lefts.length;
  const area = layout.output * layout.output;
  const images = new Float32Array(size * area);
  const labels = { left: new Int32Array(size), right: new Int32Array(size) };
  for (let i = 0; i < size; i++) {
    const left = lefts[i] as number;
    const right = lefts[rng.int(size)] as number;
    composePair(imageAt(pool, left), imageAt(pool, right), layout, images, i * area);
    labels.left[i] = pool.labels[left] as number;
    labels.right[i] = pool.labels[right] as number;
  }
  const targets = Object.fromEntries(
    tasks.map((task) => [task.name, intColumn(labels[task.name as "left" | "right"], [])]),
  );
  return { size, inputs: { image: floatColumn(images, [layout.output, layout.output, 1]) }, targets };
}

function imageAt(pool: ImagePool, index: number): Uint8Array {
  return pool.images.subarray(index * 784, (index + 1) * 784);
}
