import type * as tf from "@tensorflow/tfjs-core";
import type { Checkpoint } from "./load-checkpoint";

/**
 * Puts a saved optimizer state (iteration count and slots such as Adam's moments) into a fresh
 * optimizer of the same type; a group without saved state is left as it is.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/mtlkit-`);
 * const weight = tf.variable(tf.tensor1d([1, 2]), true, "weight");
 * const saved = tf.train.adam(0.1);
 * saved.minimize(() => tf.sum(tf.square(weight)));
 * const optimizer = { name: "optimizer/shared", tensors: await saved.getWeights() };
 * await saveCheckpoint(`${dir}/run`, { description: {}, tensors: { [optimizer.name]: optimizer.tensors } });
 * const restored = tf.train.adam(0.1);
 * await restoreOptimizer(restored, loadCheckpoint(`${dir}/run`), "shared");
 * restored.iterations; // → 1
 */
export async function restoreOptimizer(optimizer: tf.Optimizer, checkpoint: Checkpoint, group: string): Promise<void> {
  const saved = checkpoint.tensors[`optimizer/${group}`];
  if (saved === undefined || saved.length === 0) return;
  await optimizer.setWeights(saved.map((entry) => ({ name: entry.name, tensor: entry.tensor })));
}
