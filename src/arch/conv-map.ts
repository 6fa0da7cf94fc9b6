import * as tfl from "@tensorflow/tfjs-layers";
import { layerStack } from "./encoders/layer-stack";
import type { Encoder } from "./encoders/types";

/** Options of {@link convMap}. */
export interface ConvMapOptions {
  /** Shape of one image, [height, width, channels]. */
  inputShape: readonly [number, number, number];
  /** Filters of each block (3×3 conv "same" → relu → 2×2 max-pool). Default [8, 16]. */
  filters?: readonly number[];
}

/**
 * A convolutional trunk that keeps a feature map: per block a 3×3 "same" convolution, relu and a
 * 2×2 max-pool, so a 48×48 image becomes a 12×12 map after two blocks. Classification and box heads
 * flatten it; a mask task's {@link maskDecoder} upsamples it back to the image (dense prediction
 * needs the map a LeNet trunk flattens away).
 *
 * @example
 * convMap({ inputShape: [48, 48, 1] }).build(); // [12, 12, 16]
 */
export function convMap(options: ConvMapOptions): Encoder {
  const filters = options.filters ?? [8, 16];
  const stack = filters.flatMap((count) => [
    tfl.layers.conv2d({ filters: count, kernelSize: 3, padding: "same", activation: "relu" }),
    tfl.layers.maxPooling2d({ poolSize: 2 }),
  ]);
  const config = { encoder: "convMap", inputShape: [...options.inputShape], filters: [...filters] };
  return layerStack({ layers: stack, inputShape: options.inputShape, name: "convMap", config });
}
