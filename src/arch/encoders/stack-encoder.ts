import * as tf from "@tensorflow/tfjs-core";
import type * as tfl from "@tensorflow/tfjs-layers";
import { withChainedOps } from "../../backend/chained-ops";
import { createRng } from "../../backend/random";
import { deriveSeed } from "../parts/derive-seed";
import { singleSampleError } from "../parts/normalize-batch";
import { drawSeed } from "../parts/draw-seed";
import type { ForwardOptions } from "../types";
import type { BuildOptions, Encoder } from "./types";

/** How {@link stackEncoder} makes and describes its layers. */
export interface StackSpec {
  name: string;
  inputShape: readonly number[];
  inputDtype?: "float32" | "int32";
  /**
   * Makes the layers, once. Ready encoders seed every initialiser from `nextSeed()`; a user's
   * `layerStack` ignores it (its layers exist already).
   */
  makeLayers(nextSeed: () => number): tfl.layers.Layer[];
  /** True when `makeLayers` seeds every initialiser itself; else unseeded ones draw from `Math.random`. */
  seedsInitializers: boolean;
  /** The factory's `seed` option; wins over the seed given to `build`. */
  seed?: number;
  /**
   * Applies the layers to an input, when they are not a plain chain (the GRU text encoder passes the
   * padding mask to its recurrent layer). Default: each layer in order.
   */
  applyLayers?(layers: readonly tfl.layers.Layer[], input: tf.Tensor, forward: ForwardOptions): tf.Tensor;
  /** The value of the batch `build` runs to create the weights. Default 0; token encoders use 1 (`<unk>`). */
  sampleValue?: number;
  config: Readonly<Record<string, unknown>>;
}

/**
 * The encoder behind `layerStack` and the ready encoders: layers made lazily from one seed (the
 * factory's, else `build({ seed })`'s, else one drawn from `Math.random`), applied eagerly, with
 * dropout masks seeded by the forward pass's `seed` and batch-norm statistics in `stateVariables`.
 *
 * @example
 * const encoder = stackEncoder({ name: "id", inputShape: [2], makeLayers: () => [], seedsInitializers: true,
 *   config: {} });
 * encoder.build(); // → [2]
 */
export function stackEncoder(spec: StackSpec): Encoder {
  let layers: tfl.layers.Layer[] | undefined;
  let usedSeed: number | undefined;
  let outputShape: number[] | undefined;
  const make = (seed?: number): tfl.layers.Layer[] => {
    if (layers !== undefined) return layers;
    usedSeed = spec.seed ?? seed ?? drawSeed();
    const rng = createRng(usedSeed);
    layers = spec.makeLayers(() => rng.int(2147483647));
    return layers;
  };
  const apply = (input: tf.Tensor, forward: ForwardOptions): tf.Tensor =>
    spec.applyLayers
      ? spec.applyLayers(make(), input, forward)
      : make().reduce((x, layer, index) => applyLayer(layer, x, forward, spec.name, index), input);
  const build = (options: BuildOptions = {}): number[] => {
    if (outputShape !== undefined) return outputShape;
    make(options.seed);
    const pass = (): number[] =>
      tf.tidy(() =>
        apply(tf.fill([1, ...spec.inputShape], spec.sampleValue ?? 0, spec.inputDtype ?? "float32"), {
          training: false,
        }).shape.slice(1),
      );
    // A GRU's orthogonal initialiser calls x.flatten(); user layers with unseeded initialisers draw
    // from Math.random, which is seeded only for this one call when a seed is given.
    const seeded = !spec.seedsInitializers && options.seed !== undefined ? options.seed : undefined;
    outputShape = withChainedOps(() => (seeded === undefined ? pass() : withRandom(seeded, pass)));
    return outputShape;
  };
  const weights = (trainable: boolean): tf.Variable[] => {
    build();
    return make().flatMap((layer) =>
      (trainable ? layer.trainableWeights : layer.nonTrainableWeights).map((w) => w.read() as tf.Variable),
    );
  };
  return {
    name: spec.name,
    inputShape: spec.inputShape,
    inputDtype: spec.inputDtype ?? "float32",
    get layers() {
      return make();
    },
    get config() {
      make();
      return spec.seedsInitializers ? { ...spec.config, seed: usedSeed } : spec.config;
    },
    build,
    apply,
    variables: () => weights(true),
    stateVariables: () => weights(false),
    dispose: () => {
      // Dropout layers are applied by applyLayer, so tfjs never builds them; they own no weights.
      if (outputShape !== undefined) for (const layer of make()) if (layer.built) layer.dispose();
    },
  };
}

/** Dropout with a mask seeded from the pass's seed (tfjs-layers' Dropout would reuse one fixed seed). */
function applyLayer(
  layer: tfl.layers.Layer,
  x: tf.Tensor,
  forward: ForwardOptions,
  name: string,
  index: number,
): tf.Tensor {
  const className = layer.getClassName();
  // tfjs-layers' batch norm would turn a single-sample training batch into β silently.
  if (className === "BatchNormalization" && forward.training && x.size === x.shape[x.rank - 1])
    throw singleSampleError(`${name} layer ${index}`);
  if (className === "BatchNormalization" && forward.training && forward.updateStatistics === false)
    return withStatisticsKept(layer, () => layer.apply(x, { training: true }) as tf.Tensor);
  if (className !== "Dropout") return layer.apply(x, { training: forward.training }) as tf.Tensor;
  const dropout = layer as unknown as {
    rate: number;
    seed?: number;
    getNoiseShape(input: tf.Tensor): number[] | undefined;
  };
  if (!forward.training || dropout.rate === 0) return x;
  const seed = forward.seed === undefined ? dropout.seed : deriveSeed(forward.seed, name, index);
  return tf.dropout(x, dropout.rate, dropout.getNoiseShape(x) ?? undefined, seed);
}

/** Runs a tfjs-layers batch norm in training but puts its running statistics back (it always updates them). */
function withStatisticsKept(layer: tfl.layers.Layer, apply: () => tf.Tensor): tf.Tensor {
  const saved = layer.nonTrainableWeights.map((weight) => tf.clone(weight.read()));
  try {
    return apply();
  } finally {
    layer.nonTrainableWeights.forEach((weight, i) => weight.write(saved[i]!));
    tf.dispose(saved);
  }
}

function withRandom<T>(seed: number, fn: () => T): T {
  const saved = Math.random;
  Math.random = createRng(seed).next;
  try {
    return fn();
  } finally {
    Math.random = saved;
  }
}
