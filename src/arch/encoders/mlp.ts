import * as tfl from "@tensorflow/tfjs-layers";
import { layerStack } from "./layer-stack";
import type { Encoder } from "./types";

/** Options of {@link mlp}. */
export interface MlpOptions {
  /** Shape of one input sample; inputs of rank > 1 are flattened first. */
  inputShape: readonly number[];
  /** Units of each hidden layer. Default [64]. */
  hidden?: readonly number[];
  /** Activation of every hidden layer. Default "relu". */
  activation?: "relu" | "tanh" | "elu" | "sigmoid" | "linear";
  /** Dropout rate after each hidden layer (0 = none). Default 0. */
  dropout?: number;
}

/**
 * A multilayer perceptron trunk: [flatten] → (dense → activation → [dropout]) per hidden layer.
 *
 * @example
 * mlp({ inputShape: [100], hidden: [16, 8] }).build(); // [8]
 */
export function mlp(options: MlpOptions): Encoder {
  const hidden = options.hidden ?? [64];
  const activation = options.activation ?? "relu";
  const dropout = options.dropout ?? 0;
  const stack: tfl.layers.Layer[] = options.inputShape.length > 1 ? [tfl.layers.flatten()] : [];
  for (const units of hidden) {
    stack.push(tfl.layers.dense({ units, activation }));
    if (dropout > 0) stack.push(tfl.layers.dropout({ rate: dropout }));
  }
  const config = { encoder: "mlp", inputShape: [...options.inputShape], hidden: [...hidden], activation, dropout };
  return layerStack({ layers: stack, inputShape: options.inputShape, name: "mlp", config });
}
