import type * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import type { ActivationName } from "./activation";
import { denseLayer, type DenseLayer } from "./dense-layer";

/** A stack of dense layers on explicit variables. */
export interface DenseStack {
  readonly layers: readonly DenseLayer[];
  readonly variables: readonly tf.Variable[];
  /** Width of the output; the input size when there are no layers. */
  readonly outputSize: number;
  apply(x: tf.Tensor): tf.Tensor;
}

/** Options of {@link denseStack}. */
export interface DenseStackOptions {
  inputSize: number;
  /** Width of each layer, in order. */
  sizes: readonly number[];
  activation: ActivationName;
  /** Activation of the last layer; defaults to `activation`. */
  lastActivation?: ActivationName;
  rng: Rng;
  name: string;
}

/**
 * A stack of dense layers on explicit variables drawn from `rng`, each with the same activation — the
 * building block of hand-written architectures (for a trunk made of tfjs layers, see the `mlp` encoder).
 *
 * @example
 * const tower = denseStack({ inputSize: 4, sizes: [8, 8], activation: "relu", rng: createRng(1), name: "tower" });
 * tower.apply(tf.ones([2, 4])).shape; // [2, 8]
 */
export function denseStack(options: DenseStackOptions): DenseStack {
  const layers: DenseLayer[] = [];
  let inputSize = options.inputSize;
  options.sizes.forEach((units, i) => {
    const last = i === options.sizes.length - 1;
    const activation = last ? (options.lastActivation ?? options.activation) : options.activation;
    layers.push(denseLayer({ inputSize, units, activation, rng: options.rng, name: `${options.name}/${i}` }));
    inputSize = units;
  });
  return {
    layers,
    variables: layers.flatMap((layer) => layer.variables),
    outputSize: inputSize,
    apply: (x) => layers.reduce((h, layer) => layer.apply(h), x),
  };
}
