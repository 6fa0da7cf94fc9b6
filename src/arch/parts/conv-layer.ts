import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import { activate, type ActivationName } from "./activation";
import { uniqueName } from "./unique-name";

/** A 2-D convolution with "same" padding on its own variables. */
export interface ConvLayer {
  readonly variables: readonly tf.Variable[];
  readonly filters: number;
  apply(x: tf.Tensor): tf.Tensor4D;
}

/** Options of {@link convLayer}. */
export interface ConvLayerOptions {
  inChannels: number;
  filters: number;
  kernelSize: number;
  activation: ActivationName;
  rng: Rng;
  name: string;
}

/**
 * A "same"-padded stride-1 convolution with a Glorot-uniform kernel drawn from `rng` and zero bias.
 *
 * @example
 * const conv = convLayer({ inChannels: 1, filters: 4, kernelSize: 3, activation: "relu", rng: createRng(1),
 *   name: "c" });
 * conv.apply(tf.ones([2, 8, 8, 1])).shape; // [2, 8, 8, 4]
 */
export function convLayer(options: ConvLayerOptions): ConvLayer {
  const { inChannels, filters, kernelSize: k, rng } = options;
  const limit = Math.sqrt(6 / (k * k * (inChannels + filters)));
  const values = new Float32Array(k * k * inChannels * filters);
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.next() - 1) * limit;
  const kernel = tf.tidy(() =>
    tf.variable(tf.tensor4d(values, [k, k, inChannels, filters]), true, uniqueName(`${options.name}/kernel`)),
  );
  const bias = tf.tidy(() => tf.variable(tf.zeros([filters]), true, uniqueName(`${options.name}/bias`)));
  return {
    variables: [kernel, bias],
    filters,
    apply: (x) =>
      tf.tidy(
        () =>
          activate(
            tf.add(tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, 1, "same"), bias),
            options.activation,
          ) as tf.Tensor4D,
      ),
  };
}
