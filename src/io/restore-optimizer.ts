import type * as tf from "@tensorflow/tfjs-core";
import type { Checkpoint } from "./load-checkpoint";

/**
 * Puts a saved optimizer state (iteration count and slots such as Adam's moments) into a fresh
 * optimizer of the same type; a group without saved state is left as it is.
 *
 * @example
 * await restoreOptimizer(tf.train.adam(1e-3), checkpoint, "shared");
 */
export async function restoreOptimizer(optimizer: tf.Optimizer, checkpoint: Checkpoint, group: string): Promise<void> {
  const saved = checkpoint.tensors[`optimizer/${group}`];
  if (saved === undefined || saved.length === 0) return;
  await optimizer.setWeights(saved.map((entry) => ({ name: entry.name, tensor: entry.tensor })));
}
