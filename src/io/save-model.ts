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
 * await saveModel(model, "models/multimnist", { overwrite: true });
 */
export async function saveModel(model: MultiTaskModel, dir: string, options: { overwrite?: boolean } = {}): Promise<void> {
  const description = { name: model.name, config: model.config, tasks: model.tasks, parameters: countParameters(model) };
  await saveCheckpoint(dir, { description, tensors: modelTensors(model) }, options);
}

/**
 * Loads weights saved by {@link saveModel} (or a training checkpoint) into a model built the same
 * way — e.g. by calling the same `hardSharing({...})` again; returns the saved description.
 *
 * @example
 * loadModelWeights(hardSharing(sameOptions), "models/multimnist");
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
