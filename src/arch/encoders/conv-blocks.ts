import * as tfl from "@tensorflow/tfjs-layers";
import { layerStack } from "./layer-stack";
import type { Encoder } from "./types";

/** Options of {@link convBlocks}. */
export interface ConvBlocksOptions {
  /** Shape of one image, [height, width, channels]. */
  inputShape: readonly [number, number, number];
  /** Filters of each block. Default [8, 16], the conv trunk of `taskAttention`. */
  filters?: readonly number[];
  /** Square kernel size. Default 3. */
  kernelSize?: number;
}

/**
 * A conv trunk of blocks conv k×k ("same" padding) → relu → max-pool 2, then flatten: the same
 * trunk `taskAttention` masks, without the masks, so a shared bottom can be compared with task
 * attention (Liu et al. 2019) at equal trunk.
 *
 * @example
 * convBlocks({ inputShape: [36, 36, 1] }).build(); // [1296]
 */
export function convBlocks(options: ConvBlocksOptions): Encoder {
  const filters = [...(options.filters ?? [8, 16])];
  const kernelSize = options.kernelSize ?? 3;
  const block = (count: number): tfl.layers.Layer[] => [
    tfl.layers.conv2d({ filters: count, kernelSize, padding: "same", activation: "relu" }),
    tfl.layers.maxPooling2d({ poolSize: 2 }),
  ];
  const config = { encoder: "convBlocks", inputShape: [...options.inputShape], filters, kernelSize };
  return layerStack({
    layers: [...filters.flatMap(block), tfl.layers.flatten()],
    inputShape: options.inputShape,
    name: "convBlocks",
    config,
  });
}
