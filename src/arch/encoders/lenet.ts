import * as tfl from "@tensorflow/tfjs-layers";
import { layerStack } from "./layer-stack";
import type { Encoder } from "./types";

/** Options of {@link lenet}. */
export interface LenetOptions {
  /** Shape of one image, [height, width, channels]. */
  inputShape: readonly [number, number, number];
  /** Filters of the two convolutions. Default [10, 20]. */
  filters?: readonly [number, number];
  /** Square kernel size. Default 5. */
  kernelSize?: number;
  /** Units of the dense layer that ends the trunk. Default 50. */
  units?: number;
  /** Dropout before the dense layer (0 = none). Default 0. */
  dropout?: number;
}

/**
 * A small LeNet-style CNN trunk — conv 5×5 → max-pool 2 → relu, twice, then flatten → dense →
 * relu — the shared encoder Sener & Koltun (2018, §5.1 and appendix) use on MultiMNIST.
 *
 * @example
 * lenet({ inputShape: [28, 28, 1] }).build(); // [50]
 */
export function lenet(options: LenetOptions): Encoder {
  const [first, second] = options.filters ?? [10, 20];
  const kernelSize = options.kernelSize ?? 5;
  const units = options.units ?? 50;
  const dropout = options.dropout ?? 0;
  const block = (filters: number): tfl.layers.Layer[] => [
    tfl.layers.conv2d({ filters, kernelSize }),
    tfl.layers.maxPooling2d({ poolSize: 2 }),
    tfl.layers.activation({ activation: "relu" }),
  ];
  const stack = [...block(first), ...block(second), tfl.layers.flatten()];
  if (dropout > 0) stack.push(tfl.layers.dropout({ rate: dropout }));
  stack.push(tfl.layers.dense({ units, activation: "relu" }));
  const config = { encoder: "lenet", inputShape: [...options.inputShape], filters: [first, second], kernelSize, units, dropout };
  return layerStack({ layers: stack, inputShape: options.inputShape, name: "lenet", config });
}
