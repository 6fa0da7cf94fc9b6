import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../../errors";

/** Options of {@link sequenceMask}. */
export interface SequenceMaskOptions {
  /** Token ids must lie in 0..vocabSize−1; ids outside are an error, not a silent out-of-bounds read. */
  vocabSize: number;
  /** Id of the padding token. Default 0 (`<pad>` in every mtlkit vocabulary). */
  padId?: number;
  /** Where the tokens come from, for error messages. Default "tokens". */
  name?: string;
}

/**
 * The padding mask of a batch of token ids [B, T]: float32 [B, T], 1 for a real token and 0 for
 * padding (Keras's `mask_zero`). Throws `token-out-of-vocabulary` for an id outside the vocabulary and
 * `empty-passage` for a row with no real token (its pooled representation would be undefined).
 *
 * @example
 * const tokens = tf.tensor2d([[4, 2, 0], [1, 0, 0]], undefined, "int32");
 * sequenceMask(tokens, { vocabSize: 5 }); // → [[1, 1, 0], [1, 0, 0]]
 */
export function sequenceMask(tokens: tf.Tensor, options: SequenceMaskOptions): tf.Tensor2D {
  const padId = options.padId ?? 0;
  const name = options.name ?? "tokens";
  if (tokens.rank !== 2) {
    throw mtlError({
      code: "mask-shape",
      message: `${name}: expected token ids [batch, time]; found shape [${tokens.shape}]`,
      fix: "pass one row of token ids per passage, padded to one length",
    });
  }
  const [B, T] = tokens.shape as [number, number];
  const ids = tokens.dataSync();
  const lengths = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const id = ids[b * T + t] as number;
      if (!(Number.isInteger(id) && id >= 0 && id < options.vocabSize))
        throw outside(name, b, t, id, options.vocabSize);
      if (id !== padId) lengths[b]++;
    }
    if (lengths[b] === 0) {
      throw mtlError({
        code: "empty-passage",
        message: `${name}: passage ${b} of the batch has no token but padding (id ${padId}) in its ${T} steps`,
        fix: "drop empty passages before batching, or check the tokenizer kept their words",
      });
    }
  }
  return tf.tidy(() => tf.cast(tf.notEqual(tokens, padId), "float32") as tf.Tensor2D);
}

function outside(name: string, b: number, t: number, id: number, vocabSize: number) {
  return mtlError({
    code: "token-out-of-vocabulary",
    message: `${name}: passage ${b}, step ${t} has token id ${id}; expected an integer in 0..${vocabSize - 1}`,
    fix:
      "encode texts with the vocabulary the model was built for (ids ≥ vocabSize come from another vocabulary; " +
      "map unknown words to <unk> = 1)",
  });
}
