import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import { denseLayer, type DenseLayer } from "./dense-layer";

/** Options of {@link softmaxGate}. */
export interface SoftmaxGateOptions {
  inputSize: number;
  /** Number of experts the gate weighs. */
  experts: number;
  rng: Rng;
  name: string;
}

/**
 * A gating network g(x) = softmax(W_g x) (Ma et al. 2018, §4.3): weights over E experts, [B, E],
 * each row summing to one.
 *
 * @example
 * const gate = softmaxGate({ inputSize: 4, experts: 3, rng: createRng(1), name: "g" });
 * tf.sum(gate.apply(tf.ones([2, 4])), 1); // [1, 1]
 */
export function softmaxGate(options: SoftmaxGateOptions): DenseLayer {
  const layer = denseLayer({
    inputSize: options.inputSize,
    units: options.experts,
    rng: options.rng,
    name: options.name,
  });
  return { ...layer, apply: (x) => tf.tidy(() => tf.softmax(layer.apply(x))) };
}
