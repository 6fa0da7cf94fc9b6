import type { MultiTaskModel } from "../arch/types";
import { countParameters } from "../arch/count-parameters";
import { loadCheckpoint } from "./load-checkpoint";
import { modelTensors } from "./model-tensors";
import { restoreModel } from "./restore-model";
import { saveCheckpoint } from "./save-checkpoint";

/**
 * Saves a model's weights, its non-trainable state (batch-norm running statistics) and its JSON
 * description (config, tasks, parameter counts) to a folder, atomically.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/mtlkit-`);
 * const tasks = [{ name: "left", kind: "classification" as const, classes: 3 }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * await saveModel(model, `${dir}/model`);
 * (await import("node:fs")).readdirSync(`${dir}/model`); // → ["checkpoint.json", "tensors.bin"]
 */
export async function saveModel(
  model: MultiTaskModel,
  dir: string,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  const description = {
    name: model.name,
    config: model.config,
    tasks: model.tasks,
    parameters: countParameters(model),
  };
  await saveCheckpoint(dir, { description, tensors: modelTensors(model) }, options);
}

/**
 * Loads weights saved by {@link saveModel} (or a training checkpoint) into a model built the same
 * way — e.g. by calling the same `hardSharing({...})` again; returns the saved description.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/mtlkit-`);
 * const tasks = [{ name: "left", kind: "classification" as const, classes: 3 }];
 * const build = (seed: number) => hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed });
 * await saveModel(build(1), `${dir}/model`);
 * const fresh = build(2);
 * loadModelWeights(fresh, `${dir}/model`);
 * fresh.predict({ x: tf.ones([1, 4]) }).left; // → [[0.3305, 0.2905, 0.3790]] (seed 1's weights)
 */
export function loadModelWeights(model: MultiTaskModel, dir: string): Record<string, unknown> {
  const checkpoint = loadCheckpoint(dir);
  try {
    restoreModel(model, checkpoint);
    return checkpoint.description;
  } finally {
    checkpoint.dispose();
  }
}
