import type * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import type { ForwardOptions } from "../types";
import { activate, type ActivationName } from "./activation";
import { batchNormalization, type BatchNormalization } from "./batch-normalization";
import { denseLayer, type DenseLayer } from "./dense-layer";

/** A stack of dense layers on explicit variables. */
export interface DenseStack {
  readonly layers: readonly DenseLayer[];
  /** Each layer's batch normalisation, when the stack has `batchNorm` (else empty). */
  readonly norms: readonly BatchNormalization[];
  /** Layer by layer: kernel, bias, then the layer's γ and β with `batchNorm`. */
  readonly variables: readonly tf.Variable[];
  /** The batch-norm running means and variances, layer by layer (empty without `batchNorm`). */
  readonly stateVariables: readonly tf.Variable[];
  /** Width of the output; the input size when there are no layers. */
  readonly outputSize: number;
  /** Applies the layers; `forward.training` picks batch or running statistics. Default: inference. */
  apply(x: tf.Tensor, forward?: ForwardOptions): tf.Tensor;
}

/** Options of {@link denseStack}. */
export interface DenseStackOptions {
  inputSize: number;
  /** Width of each layer, in order. */
  sizes: readonly number[];
  activation: ActivationName;
  /** Activation of the last layer; defaults to `activation`. */
  lastActivation?: ActivationName;
  /** Batch normalisation between each layer's affine map and its activation (Ioffe & Szegedy 2015). Default false. */
  batchNorm?: boolean;
  rng: Rng;
  name: string;
}

const inference: ForwardOptions = { training: false };

/**
 * A stack of dense layers on explicit variables drawn from `rng`, each with the same activation — the
 * building block of hand-written architectures (for a trunk made of tfjs layers, see the `mlp` encoder).
 * With `batchNorm` each layer is dense → batch norm → activation, as in the encoders; the dense bias is
 * kept (zero at the start; in training its gradient is 0, since the batch mean absorbs it).
 *
 * @example
 * const tower = denseStack({ inputSize: 4, sizes: [8, 8], activation: "relu", rng: createRng(1), name: "tower" });
 * tower.apply(tf.ones([2, 4])).shape; // → [2, 8]
 * const normed = denseStack({ inputSize: 4, sizes: [8], activation: "relu", batchNorm: true, rng: createRng(1),
 *   name: "normed" });
 * normed.stateVariables.length; // → 2
 */
export function denseStack(options: DenseStackOptions): DenseStack {
  const layers: DenseLayer[] = [];
  const norms: BatchNormalization[] = [];
  const activations: ActivationName[] = [];
  const batchNorm = options.batchNorm ?? false;
  let inputSize = options.inputSize;
  options.sizes.forEach((units, i) => {
    const last = i === options.sizes.length - 1;
    const activation = last ? (options.lastActivation ?? options.activation) : options.activation;
    const name = `${options.name}/${i}`;
    activations.push(activation);
    layers.push(
      denseLayer({ inputSize, units, activation: batchNorm ? "linear" : activation, rng: options.rng, name }),
    );
    if (batchNorm) norms.push(batchNormalization({ size: units, name: `${name}/batchNorm` }));
    inputSize = units;
  });
  const apply = (x: tf.Tensor, forward: ForwardOptions = inference): tf.Tensor =>
    layers.reduce((h, layer, i) => {
      const norm = norms[i];
      return norm === undefined ? layer.apply(h) : activate(norm.apply(layer.apply(h), forward), activations[i]!);
    }, x);
  return {
    layers,
    norms,
    variables: layers.flatMap((layer, i) => [...layer.variables, ...(norms[i]?.variables ?? [])]),
    stateVariables: norms.flatMap((norm) => norm.stateVariables),
    outputSize: inputSize,
    apply,
  };
}
