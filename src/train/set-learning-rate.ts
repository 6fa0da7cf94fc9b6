import type * as tf from "@tensorflow/tfjs-core";

/** The parts of tfjs's optimizers that hold the learning rate (protected in their typings). */
interface RateHolder {
  learningRate: number;
  setLearningRate?: (rate: number) => void;
}

/**
 * Sets a tfjs optimizer's learning rate in place, keeping its state (Adam's moments, momentum):
 * SGD and momentum cache −rate in a tensor and are updated through their own `setLearningRate`;
 * Adam and RMSProp read the field on every step.
 *
 * @example
 * const optimizer = tf.train.adam(1e-3);
 * setLearningRate(optimizer, 5e-4);
 */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  const holder = optimizer as unknown as RateHolder;
  if (holder.learningRate === rate) return;
  if (typeof holder.setLearningRate === "function") holder.setLearningRate(rate);
  else holder.learningRate = rate;
}
