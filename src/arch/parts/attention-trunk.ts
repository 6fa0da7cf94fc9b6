import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import type { ActivationName } from "./activation";
import { convLayer } from "./conv-layer";
import { denseLayer } from "./dense-layer";
import { flattenBatch } from "./flatten-batch";

/** A shared trunk whose every block output p^(j) task attention can mask. */
export interface AttentionTrunk {
  /** Per-sample shape of each block output p^(j). */
  readonly featureShapes: readonly (readonly number[])[];
  readonly variables: readonly tf.Variable[];
  /** p^(1) … p^(L). */
  features(x: tf.Tensor): tf.Tensor[];
  /** Brings the previous level's attended features to the size of the next level (pooling for conv). */
  downsample(x: tf.Tensor): tf.Tensor;
}

/** Options of {@link attentionTrunk}. */
export interface AttentionTrunkOptions {
  kind: "dense" | "conv";
  inputShape: readonly number[];
  /** Dense widths, or conv filters, per block. */
  widths: readonly number[];
  kernelSize: number;
  activation: ActivationName;
  rng: Rng;
  name: string;
}

const pool = (x: tf.Tensor): tf.Tensor => tf.maxPool(x as tf.Tensor4D, 2, 2, "valid");

/**
 * The shared trunk of task attention: dense blocks p^(j) = act(W_j p^(j−1)), or conv blocks
 * p^(j) = maxpool₂(act(conv3×3(p^(j−1)))) on [H, W, C] inputs.
 *
 * @example
 * const trunk = attentionTrunk({ kind: "conv", inputShape: [8, 8, 1], widths: [4, 8], kernelSize: 3,
 *   activation: "relu", rng: createRng(1), name: "t" });
 * trunk.featureShapes; // [[4, 4, 4], [2, 2, 8]]
 */
export function attentionTrunk(options: AttentionTrunkOptions): AttentionTrunk {
  const { rng, activation, widths } = options;
  if (options.kind === "dense") {
    let size = options.inputShape.reduce((a, b) => a * b, 1);
    const layers = widths.map((units, j) => {
      const layer = denseLayer({ inputSize: size, units, activation, rng, name: `${options.name}/${j}` });
      size = units;
      return layer;
    });
    return {
      featureShapes: widths.map((units) => [units]),
      variables: layers.flatMap((layer) => layer.variables),
      features: (x) =>
        runBlocks(
          flattenBatch(x),
          layers.map((layer) => layer.apply),
        ),
      downsample: (x) => x,
    };
  }
  let [height, width, channels] = options.inputShape as [number, number, number];
  const shapes: number[][] = [];
  const layers = widths.map((filters, j) => {
    const layer = convLayer({
      inChannels: channels,
      filters,
      kernelSize: options.kernelSize,
      activation,
      rng,
      name: `${options.name}/${j}`,
    });
    [height, width, channels] = [Math.floor(height / 2), Math.floor(width / 2), filters];
    shapes.push([height, width, channels]);
    return layer;
  });
  return {
    featureShapes: shapes,
    variables: layers.flatMap((layer) => layer.variables),
    features: (x) =>
      runBlocks(
        x,
        layers.map((layer) => (h: tf.Tensor) => pool(layer.apply(h))),
      ),
    downsample: pool,
  };
}

function runBlocks(x: tf.Tensor, blocks: readonly ((h: tf.Tensor) => tf.Tensor)[]): tf.Tensor[] {
  const features: tf.Tensor[] = [];
  blocks.reduce((h, block) => {
    const next = block(h);
    features.push(next);
    return next;
  }, x);
  return features;
}
