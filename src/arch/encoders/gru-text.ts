import * as tfl from "@tensorflow/tfjs-layers";
import { checkOptions, optionNames } from "../../check-options";
import { fusedGruLayer } from "../../kernels/fused-gru-layer";
import { stackEncoder } from "./stack-encoder";
import type { Encoder } from "./types";

/** Options of {@link gruText}. */
export interface GruTextOptions {
  /** Number of token ids (0..vocabSize−1). */
  vocabSize: number;
  /** Tokens per sample (pad to this length). */
  sequenceLength: number;
  /** Embedding width. Default 32. */
  embeddingSize?: number;
  /** GRU units, the width of the representation. Default 32. */
  units?: number;
  /** Seeds the initial weights. Default: the architecture's seed, else drawn from `Math.random`. */
  seed?: number;
}

const names = optionNames<GruTextOptions>({
  vocabSize: true,
  sequenceLength: true,
  embeddingSize: true,
  units: true,
  seed: true,
});

/**
 * A text trunk: token embedding → GRU (Cho et al. 2014), whose last state is the shared
 * representation (recurrent weights Glorot-initialised). Input: int32 token ids of shape [sequenceLength].
 *
 * @example
 * gruText({ vocabSize: 1000, sequenceLength: 20 }).build(); // → [32]
 */
export function gruText(options: GruTextOptions): Encoder {
  checkOptions("gruText", options, names);
  const embeddingSize = options.embeddingSize ?? 32;
  const units = options.units ?? 32;
  const makeLayers = (nextSeed: () => number): tfl.layers.Layer[] => [
    tfl.layers.embedding({
      inputDim: options.vocabSize,
      outputDim: embeddingSize,
      embeddingsInitializer: tfl.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: nextSeed() }),
    }),
    // Glorot instead of Keras's orthogonal recurrent init: tfjs's orthogonal init is a slow QR and
    // warns for more than 2000 weights. The fused layer is tfjs-layers' GRU in two wasm kernels.
    fusedGruLayer({
      units,
      kernelInitializer: tfl.initializers.glorotNormal({ seed: nextSeed() }),
      recurrentInitializer: tfl.initializers.glorotUniform({ seed: nextSeed() }),
    }),
  ];
  const config = {
    encoder: "gruText",
    vocabSize: options.vocabSize,
    sequenceLength: options.sequenceLength,
    embeddingSize,
    units,
  };
  return stackEncoder({
    name: "gruText",
    inputShape: [options.sequenceLength],
    inputDtype: "int32",
    makeLayers,
    seedsInitializers: true,
    seed: options.seed,
    config,
  });
}
