import type * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import type { ActivationName } from "./activation";
import { denseLayer, type DenseLayer } from "./dense-layer";

/** A stack of dense layers. */
export interface Mlp {
  readonly layers: readonly DenseLayer[];
  readonly variables: readonly tf.Variable[];
  /** Width of the output; the input size when there are no layers. */
  readonly outputSize: number;
  apply(x: tf.Tensor): tf.Tensor;
}

/** Options of {@link mlp}. */
export interface MlpOptions {
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
 * A multi-layer perceptron of dense layers, each with the same activation.
 *
 * @example
 * const tower = mlp({ inputSize: 4, sizes: [8, 8], activation: "relu", rng: createRng(1), name: "tower" });
 * tower.apply(tf.ones([2, 4])).shape; // [2, 8]
 */
export function mlp(options: MlpOptions): Mlp {
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
