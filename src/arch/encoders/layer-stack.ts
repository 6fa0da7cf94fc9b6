import type { layers } from "@tensorflow/tfjs-layers";
import { checkOptions, optionNames } from "../../check-options";
import { stackEncoder } from "./stack-encoder";
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

const names = optionNames<LayerStackOptions>({
  layers: true,
  inputShape: true,
  inputDtype: true,
  name: true,
  config: true,
});

/**
 * Wraps any tfjs layers (a `tf.sequential()` model counts as one layer) into an {@link Encoder}
 * that applies them eagerly, so a custom trunk works wherever mtlkit's ready encoders do. Give the
 * layers' initialisers a `seed` to fix them; else `build({ seed })` seeds them (by seeding
 * `Math.random` for that one call only). Dropout layers take their masks from the forward pass's seed.
 *
 * @example
 * const tfl = await import("@tensorflow/tfjs-layers");
 * const trunk = layerStack({ layers: [tfl.layers.dense({ units: 8, activation: "relu" })], inputShape: [4] });
 * trunk.build(); // → [8]
 * trunk.dispose();
 */
export function layerStack(options: LayerStackOptions): Encoder {
  checkOptions("layerStack", options, names);
  const stack = [...options.layers];
  return stackEncoder({
    name: options.name ?? "layers",
    inputShape: options.inputShape,
    inputDtype: options.inputDtype ?? "float32",
    makeLayers: () => stack,
    seedsInitializers: false,
    config: options.config ?? { encoder: "layers", layers: stack.map((layer) => layer.getClassName()) },
  });
}
