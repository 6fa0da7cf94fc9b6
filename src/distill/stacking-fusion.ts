import * as tf from "@tensorflow/tfjs-core";
import type { MultiTaskModel } from "../arch/types";
import { knownNames, mtlError } from "../errors";
import { outputWidth } from "../tasks/output-shape";
import type { FusionOptions } from "./feature-fusion";
import { fusedModel } from "./fused-model";

/**
 * Decision-level fusion by stacking (Wolpert 1992): a new head per task reads the concatenated
 * predictions (probabilities) of every model that has the task and learns how to combine them; the
 * base models stay fixed. Train it on data the base models did not train on (e.g. the validation split).
 *
 * @example
 * const stacked = stackingFusion([teacherA, teacherB, student], { tasks: data.tasks, seed: 0 });
 * await train(stacked, data.validation, { epochs: 5 });
 */
export function stackingFusion(models: readonly MultiTaskModel[], options: FusionOptions): MultiTaskModel {
  const voters = (name: string): MultiTaskModel[] => models.filter((model) => model.tasks.some((task) => task.name === name));
  for (const task of options.tasks) {
    if (voters(task.name).length === 0) {
      throw mtlError({ code: "unknown-task", message: `stackingFusion: no model predicts task "${task.name}"`, fix: `use one of ${knownNames([...new Set(models.flatMap((m) => m.tasks.map((t) => t.name)))])}` });
    }
  }
  return fusedModel({
    name: "stackingFusion",
    models,
    tasks: options.tasks,
    head: options.head,
    seed: options.seed,
    width: (task) => voters(task.name).length * outputWidth(task),
    features: (inputs, task) => tf.concat(voters(task.name).map((model) => model.predict(inputs)[task.name] as tf.Tensor), 1),
  });
}
