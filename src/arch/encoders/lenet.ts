import * as tfl from "@tensorflow/tfjs-layers";
import { checkOptions, optionNames } from "../../check-options";
import { batchNormLayer, denseBlock } from "./dense-block";
import { stackEncoder } from "./stack-encoder";
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
  /** Batch normalisation after each convolution and the dense layer (Ioffe & Szegedy 2015). Default false. */
  batchNorm?: boolean;
  /** Seeds the initial weights. Default: the architecture's seed, else drawn from `Math.random`. */
  seed?: number;
}

const names = optionNames<LenetOptions>({
  inputShape: true,
  filters: true,
  kernelSize: true,
  units: true,
  dropout: true,
  batchNorm: true,
  seed: true,
});

/**
 * A small LeNet-style CNN trunk — conv 5×5 → [batch norm] → max-pool 2 → relu, twice, then flatten
 * → dense → [batch norm] → relu — the shared encoder Sener & Koltun (2018, §5.1 and appendix)
 * use on MultiMNIST.
 *
 * @example
 * lenet({ inputShape: [28, 28, 1] }).build(); // → [50]
 */
export function lenet(options: LenetOptions): Encoder {
  checkOptions("lenet", options, names);
  const [first, second] = options.filters ?? [10, 20];
  const kernelSize = options.kernelSize ?? 5;
  const units = options.units ?? 50;
  const dropout = options.dropout ?? 0;
  const batchNorm = options.batchNorm ?? false;
  const makeLayers = (nextSeed: () => number): tfl.layers.Layer[] => {
    const block = (filters: number): tfl.layers.Layer[] => [
      tfl.layers.conv2d({
        filters,
        kernelSize,
        useBias: !batchNorm,
        kernelInitializer: tfl.initializers.glorotNormal({ seed: nextSeed() }),
      }),
      ...(batchNorm ? [batchNormLayer()] : []),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.activation({ activation: "relu" }),
    ];
    const stack = [...block(first), ...block(second), tfl.layers.flatten()];
    if (dropout > 0) stack.push(tfl.layers.dropout({ rate: dropout }));
    return [...stack, ...denseBlock({ units, activation: "relu", batchNorm, dropout: 0, nextSeed })];
  };
  const config = {
    encoder: "lenet",
    inputShape: [...options.inputShape],
    filters: [first, second],
    kernelSize,
    units,
    dropout,
    batchNorm,
  };
  return stackEncoder({
    name: "lenet",
    inputShape: options.inputShape,
    makeLayers,
    seedsInitializers: true,
    seed: options.seed,
    config,
  });
}
