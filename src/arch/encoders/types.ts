import type * as tf from "@tensorflow/tfjs-core";
import type { layers } from "@tensorflow/tfjs-layers";
import type { ForwardOptions } from "../types";

/**
 * A stack of tfjs layers applied eagerly to tensors: a shared trunk, or a task head. Built lazily
 * on first use, so a seed set just before building fixes its initial weights.
 */
export interface Encoder {
  readonly name: string;
  /** Shape of one input sample, e.g. [28, 28, 1], or [sequenceLength] of token ids. */
  readonly inputShape: readonly number[];
  readonly inputDtype: "float32" | "int32";
  readonly layers: readonly layers.Layer[];
  /** JSON description sufficient to rebuild the encoder with its factory. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Creates the weights (by one pass on a zero batch) unless already built; returns the output shape of one sample. */
  build(): number[];
  /** Applies the layers in order. */
  apply(input: tf.Tensor, options: ForwardOptions): tf.Tensor;
  /** The trainable variables, in layer order (builds first). */
  variables(): tf.Variable[];
  /** Frees the layers' weights. */
  dispose(): void;
}
