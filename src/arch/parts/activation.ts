import * as tf from "@tensorflow/tfjs-core";
import { mtlError, knownNames } from "../../errors";

/** Hidden-layer activations the architectures accept. */
export type ActivationName = "relu" | "tanh" | "sigmoid" | "elu" | "linear";

const activations: Record<ActivationName, (x: tf.Tensor) => tf.Tensor> = {
  relu: (x) => tf.relu(x),
  tanh: (x) => tf.tanh(x),
  sigmoid: (x) => tf.sigmoid(x),
  elu: (x) => tf.elu(x),
  linear: (x) => x,
};

/**
 * Applies a named activation, failing clearly on an unknown name.
 *
 * @example
 * activate(tf.tensor1d([-1, 2]), "relu"); // [0, 2]
 */
export function activate(x: tf.Tensor, name: ActivationName): tf.Tensor {
  const fn = activations[name];
  if (fn === undefined) {
    throw mtlError({
      code: "unknown-activation",
      message: `activation "${String(name)}" is not one mtlkit knows`,
      fix: `use one of ${knownNames(Object.keys(activations))}`,
    });
  }
  return fn(x);
}
