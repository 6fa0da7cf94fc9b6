import * as tfl from "@tensorflow/tfjs-layers";
import { fusedGruLayer } from "../../kernels/fused-gru-layer";
import { layerStack } from "./layer-stack";
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
}

/**
 * A text trunk: token embedding → GRU (Cho et al. 2014), whose last state is the shared
 * representation (recurrent weights Glorot-initialised). Input: int32 token ids of shape [sequenceLength].
 *
 * @example
 * gruText({ vocabSize: 1000, sequenceLength: 20 }).build(); // [32]
 */
export function gruText(options: GruTextOptions): Encoder {
  const embeddingSize = options.embeddingSize ?? 32;
  const units = options.units ?? 32;
  const stack = [
    tfl.layers.embedding({ inputDim: options.vocabSize, outputDim: embeddingSize }),
    // Glorot instead of Keras's orthogonal recurrent init: tfjs's orthogonal init is a slow QR and
    // warns for more than 2000 weights. The fused layer is tfjs-layers' GRU in two wasm kernels.
    fusedGruLayer({ units, recurrentInitializer: "glorotUniform" }),
  ];
  const config = { encoder: "gruText", vocabSize: options.vocabSize, sequenceLength: options.sequenceLength, embeddingSize, units };
  return layerStack({ layers: stack, inputShape: [options.sequenceLength], inputDtype: "int32", name: "gruText", config });
}
