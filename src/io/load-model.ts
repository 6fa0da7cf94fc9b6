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
 * const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/mtlkit-`);
 * const tasks = [{ name: "left", kind: "classification" as const, classes: 3 }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * await saveModel(model, `${dir}/model`);
 * const x = tf.ones([1, 4]);
 * loadModel(`${dir}/model`).predict({ x }).left; // → [[0.3305, 0.2905, 0.3790]]
 * model.predict({ x }).left; // → [[0.3305, 0.2905, 0.3790]] (the same model)
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
