import type * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../../errors";

/** Throws `mask-shape` unless `mask` is [B, T] for a sequence [B, T, …]. */
export function checkMask(where: string, sequence: tf.Tensor, mask: tf.Tensor): void {
  const [B, T] = sequence.shape;
  if (mask.rank !== 2 || mask.shape[0] !== B || mask.shape[1] !== T) {
    throw mtlError({
      code: "mask-shape",
      message:
        `${where} expected a mask [batch, time] = [${B}, ${T}] for a sequence [${sequence.shape}]; ` +
        `found [${mask.shape}]`,
      fix: "build the mask from the same batch of token ids (sequenceMask), one row per passage",
    });
  }
}
