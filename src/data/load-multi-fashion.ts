import { multiDigitDataset, type MultiDigitOptions } from "./multi-digit-dataset";
import { readFashion } from "./read-fashion";
import type { Dataset } from "./types";

/**
 * Loads MultiFashion: the MultiMNIST construction (Sener & Koltun 2018) applied to
 * Fashion-MNIST images, as in Lin et al. (NeurIPS 2019, Pareto MTL); tasks "left" and "right"
 * classify each garment. Images are float32 in [0, 1], shape [36, 36, 1]; see
 * datasets/multifashion.md.
 *
 * @example
 * const data = await loadMultiFashion({ seed: 1, train: 200 });
 * data.tasks[0].labels?.[9]; // → "Ankle boot"
 */
export async function loadMultiFashion(options: MultiDigitOptions = {}): Promise<Dataset> {
  return multiDigitDataset(
    {
      name: "multifashion",
      description:
        "Fashion-MNIST (fashion-mnist package) pairs overlaid as in Sener & Koltun 2018; see datasets/multifashion.md",
      trainPool: readFashion("train"),
      testPool: readFashion("test"),
    },
    options,
  );
}
