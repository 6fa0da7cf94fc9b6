import type * as tf from "@tensorflow/tfjs-core";
import type { layers } from "@tensorflow/tfjs-layers";
import type { ForwardOptions } from "../types";

/** Options of {@link Encoder.build}. */
export interface BuildOptions {
  /**
   * Seeds the initial weights when the encoder's own `seed` option was not given (an architecture
   * passes its seed here). Default: drawn from `Math.random`.
   */
  seed?: number;
}

/**
 * A stack of tfjs layers applied eagerly to tensors: a shared trunk, or a task head. Built lazily
 * on first use, so the architecture's seed can still fix its initial weights.
 */
export interface Encoder {
  readonly name: string;
  /** Shape of one input sample, e.g. [28, 28, 1], or [sequenceLength] of token ids. */
  readonly inputShape: readonly number[];
  readonly inputDtype: "float32" | "int32";
  /** The layers, in order (made on first access). */
  readonly layers: readonly layers.Layer[];
  /** JSON description sufficient to rebuild the encoder with its factory (with the seed it used). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Creates the weights (by one pass on a zero batch) unless already built; returns the output shape of one sample. */
  build(options?: BuildOptions): number[];
  /** Applies the layers in order; `options.seed` seeds dropout. */
  apply(input: tf.Tensor, options: ForwardOptions): tf.Tensor;
  /** The trainable variables, in layer order (builds first). */
  variables(): tf.Variable[];
  /** The non-trainable variables (batch-norm running mean and variance), in layer order (builds first). */
  stateVariables(): tf.Variable[];
  /** Frees the layers' weights. */
  dispose(): void;
}
