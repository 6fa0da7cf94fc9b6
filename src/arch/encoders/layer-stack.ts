import * as tf from "@tensorflow/tfjs-core";
import type { layers } from "@tensorflow/tfjs-layers";
import type { ForwardOptions } from "../types";
import { layerVariables } from "../layer-variables";
import type { Encoder } from "./types";

/** What {@link layerStack} needs: the layers, in order, and the shape of one input sample. */
export interface LayerStackOptions {
  layers: readonly layers.Layer[];
  inputShape: readonly number[];
  inputDtype?: "float32" | "int32";
  name?: string;
  /** Rebuild description; defaults to the layer class names. */
  config?: Readonly<Record<string, unknown>>;
}

/**
 * Wraps any tfjs layers (a `tf.sequential()` model counts as one layer) into an {@link Encoder}
 * that applies them eagerly, so a custom trunk works wherever mtlkit's ready encoders do.
 *
 * @example
 * const trunk = layerStack({ layers: [tfl.layers.dense({ units: 8, activation: "relu" })], inputShape: [4] });
 * trunk.build(); // [8]
 */
export function layerStack(options: LayerStackOptions): Encoder {
  const stack = [...options.layers];
  let outputShape: number[] | undefined;
  const apply = (input: tf.Tensor, forward: ForwardOptions): tf.Tensor =>
    stack.reduce((x, layer) => layer.apply(x, { training: forward.training }) as tf.Tensor, input);
  const build = (): number[] => {
    outputShape ??= tf.tidy(() => {
      const zeros = tf.zeros([1, ...options.inputShape], options.inputDtype ?? "float32");
      return apply(zeros, { training: false }).shape.slice(1);
    });
    return outputShape;
  };
  return {
    name: options.name ?? "layers",
    inputShape: options.inputShape,
    inputDtype: options.inputDtype ?? "float32",
    layers: stack,
    config: options.config ?? { encoder: "layers", layers: stack.map((layer) => layer.getClassName()) },
    build,
    apply,
    variables: () => {
      build();
      return layerVariables(stack);
    },
    dispose: () => {
      if (outputShape !== undefined) for (const layer of stack) layer.dispose();
    },
  };
}
