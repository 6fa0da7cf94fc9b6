import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { checkChoice, checkOptions, optionNames } from "../../check-options";
import { fusedGruLayer } from "../../kernels/fused-gru-layer";
import { maskedMean } from "../parts/masked-mean";
import { sequenceMask } from "../parts/sequence-mask";
import { stackEncoder } from "./stack-encoder";
import type { Encoder } from "./types";

/** What {@link gruText} returns for each passage. */
export type GruTextOutput = "last" | "mean" | "sequence";

/** Options of {@link gruText}. */
export interface GruTextOptions {
  /** Number of token ids (0..vocabSize−1); 0 is padding. */
  vocabSize: number;
  /** Tokens per sample (pad to this length with 0). */
  sequenceLength: number;
  /** Embedding width. Default 32. */
  embeddingSize?: number;
  /** GRU units, the width of the representation. Default 32. */
  units?: number;
  /**
   * "last": the state after each passage's last real token [units]; "mean": the mean of the states
   * over the real tokens [units]; "sequence": every step's state [sequenceLength, units], 0 on padding
   * (for attention pooling). Default "last".
   */
  output?: GruTextOutput;
  /** Seeds the initial weights. Default: the architecture's seed, else drawn from `Math.random`. */
  seed?: number;
}

const names = optionNames<GruTextOptions>({
  vocabSize: true,
  sequenceLength: true,
  embeddingSize: true,
  units: true,
  output: true,
  seed: true,
});
const outputs: readonly GruTextOutput[] = ["last", "mean", "sequence"];

/**
 * A text trunk: token embedding → GRU (Cho et al. 2014) that honours padding: id 0 is `<pad>`, the
 * state stops at each passage's last real token (a passage gives the same output whatever it is padded
 * to, and padded steps get no gradient), and the "mean" output averages real steps only. Input: int32
 * token ids of shape [sequenceLength]; ids outside the vocabulary and all-padding passages are errors.
 *
 * @example
 * gruText({ vocabSize: 1000, sequenceLength: 20 }).build(); // → [32]
 * gruText({ vocabSize: 1000, sequenceLength: 20, units: 8, output: "sequence" }).build(); // → [20, 8]
 */
export function gruText(options: GruTextOptions): Encoder {
  checkOptions("gruText", options, names);
  const embeddingSize = options.embeddingSize ?? 32;
  const units = options.units ?? 32;
  const output = options.output ?? "last";
  checkChoice("gruText", "output", output, outputs);
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
      returnSequences: output !== "last",
      kernelInitializer: tfl.initializers.glorotNormal({ seed: nextSeed() }),
      recurrentInitializer: tfl.initializers.glorotUniform({ seed: nextSeed() }),
    }),
  ];
  const applyLayers = (layers: readonly tfl.layers.Layer[], tokens: tf.Tensor): tf.Tensor =>
    tf.tidy(() => {
      const mask = sequenceMask(tokens, { vocabSize: options.vocabSize, name: "gruText input" });
      const embedded = (layers[0] as tfl.layers.Layer).apply(tokens) as tf.Tensor;
      const states = (layers[1] as tfl.layers.Layer).apply(embedded, { mask }) as tf.Tensor;
      return output === "mean" ? maskedMean(states, mask) : states;
    });
  const config = {
    encoder: "gruText",
    vocabSize: options.vocabSize,
    sequenceLength: options.sequenceLength,
    embeddingSize,
    units,
    output,
  };
  return stackEncoder({
    name: "gruText",
    inputShape: [options.sequenceLength],
    inputDtype: "int32",
    makeLayers,
    applyLayers,
    sampleValue: 1,
    seedsInitializers: true,
    seed: options.seed,
    config,
  });
}
