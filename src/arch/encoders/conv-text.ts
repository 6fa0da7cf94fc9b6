import * as tfl from "@tensorflow/tfjs-layers";
import { checkOptions, optionNames } from "../../check-options";
import { stackEncoder } from "./stack-encoder";
import type { Encoder } from "./types";

/** Options of {@link convText}. */
export interface ConvTextOptions {
  /** Number of token ids (0..vocabSize−1). */
  vocabSize: number;
  /** Tokens per sample (pad to this length). */
  sequenceLength: number;
  /** Embedding width. Default 32. */
  embeddingSize?: number;
  /** Convolution filters, the width of the representation. Default 64. */
  filters?: number;
  /** Width of the 1-D kernel in tokens. Default 3. */
  kernelSize?: number;
  /** Seeds the initial weights. Default: the architecture's seed, else drawn from `Math.random`. */
  seed?: number;
}

const names = optionNames<ConvTextOptions>({
  vocabSize: true,
  sequenceLength: true,
  embeddingSize: true,
  filters: true,
  kernelSize: true,
  seed: true,
});

/**
 * A text trunk: token embedding → 1-D convolution → relu → max over time (Kim 2014, one filter
 * width). Input: int32 token ids of shape [sequenceLength].
 *
 * @example
 * convText({ vocabSize: 1000, sequenceLength: 20, filters: 16 }).build(); // → [16]
 */
export function convText(options: ConvTextOptions): Encoder {
  checkOptions("convText", options, names);
  const embeddingSize = options.embeddingSize ?? 32;
  const filters = options.filters ?? 64;
  const kernelSize = options.kernelSize ?? 3;
  const makeLayers = (nextSeed: () => number): tfl.layers.Layer[] => [
    tfl.layers.embedding({
      inputDim: options.vocabSize,
      outputDim: embeddingSize,
      embeddingsInitializer: tfl.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: nextSeed() }),
    }),
    tfl.layers.conv1d({
      filters,
      kernelSize,
      activation: "relu",
      kernelInitializer: tfl.initializers.glorotNormal({ seed: nextSeed() }),
    }),
    tfl.layers.globalMaxPooling1d({}),
  ];
  const config = {
    encoder: "convText",
    vocabSize: options.vocabSize,
    sequenceLength: options.sequenceLength,
    embeddingSize,
    filters,
    kernelSize,
  };
  return stackEncoder({
    name: "convText",
    inputShape: [options.sequenceLength],
    inputDtype: "int32",
    makeLayers,
    seedsInitializers: true,
    seed: options.seed,
    config,
  });
}
