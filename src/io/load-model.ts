import { modelFromConfig } from "../arch/model-from-config";
import type { MultiTaskModel } from "../arch/types";
import { loadCheckpoint } from "./load-checkpoint";
import { loadModelWeights } from "./save-model";

/**
 * Rebuilds a model saved by `saveModel` (or a training checkpoint) from its JSON description and
 * loads its weights — for hard sharing over a ready encoder; other models: build them in code and
 * call `loadModelWeights`.
 *
 * @example
 * const model = loadModel("models/multimnist");
 * model.predict({ image }).left; // class probabilities
 */
export function loadModel(dir: string): MultiTaskModel {
  const checkpoint = loadCheckpoint(dir);
  const config = checkpoint.description.config as Record<string, unknown>;
  checkpoint.dispose();
  const model = modelFromConfig(config);
  try {
    loadModelWeights(model, dir);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
