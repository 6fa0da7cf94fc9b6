import { mtlError } from "../errors";
import type { Task } from "../tasks/types";
import { encoderFromConfig } from "./encoders/encoder-from-config";
import { hardSharing } from "./hard-sharing";
import type { HeadOptions } from "./task-head";
import type { MultiTaskModel } from "./types";

/**
 * Rebuilds a model from its `config` (fresh weights): hard sharing over a ready encoder for now;
 * other architectures throw `cannot-rebuild` with the fix (build it in code, then load the weights).
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const copy = modelFromConfig(model.config); // same architecture, new weights
 * countParameters(copy).total; // → 67
 * copy.dispose();
 * model.dispose();
 */
export function modelFromConfig(config: Readonly<Record<string, unknown>>): MultiTaskModel {
  if (config.architecture !== "hardSharing") {
    throw mtlError({
      code: "cannot-rebuild",
      message: `architecture "${String(config.architecture)}" cannot be rebuilt from its JSON description yet`,
      fix: "build the model in code as before and load the weights with loadModelWeights",
    });
  }
  return hardSharing({
    trunk: encoderFromConfig(config.trunk as Record<string, unknown>),
    tasks: config.tasks as Task[],
    head: config.head as HeadOptions,
    heads: config.heads as Record<string, HeadOptions>,
    inputName: config.inputName as string,
    seed: config.seed as number | undefined,
  });
}
