import * as tf from "@tensorflow/tfjs-core";
import type { MultiTaskModel } from "../arch/types";
import { knownNames, mtlError } from "../errors";
import { outputWidth } from "../tasks/output-shape";
import type { TaskSpec } from "../tasks/types";
import type { FusionOptions } from "./feature-fusion";
import { fusedModel } from "./fused-model";

/**
 * Decision-level fusion by stacking (Wolpert 1992): a new head per task reads the concatenated
 * predictions (probabilities) of every model that has the task — or of the tasks named in `from` —
 * and learns how to combine them; the base models stay fixed. Train it on data the base models did
 * not train on (e.g. the validation split).
 *
 * @example
 * const task = { name: "a", kind: "classification" as const, classes: 2 };
 * const base = hardSharing({ trunk: mlp({ inputShape: [3], hidden: [4] }), tasks: [task], seed: 0 });
 * const stacked = stackingFusion([base, base], { tasks: [task], seed: 1 });
 * countParameters(stacked).tasks.a; // → 10  (4 probabilities in, 2 logits out)
 * stacked.dispose(); base.dispose();
 */
export function stackingFusion(models: readonly MultiTaskModel[], options: FusionOptions): MultiTaskModel {
  const sources = (task: TaskSpec): string[] => [...(options.from ?? [task.name])];
  const pairs = (task: TaskSpec) =>
    sources(task).flatMap((name) =>
      models.filter((m) => m.tasks.some((t) => t.name === name)).map((model) => ({ model, name })),
    );
  const known = [...new Set(models.flatMap((m) => m.tasks.map((t) => t.name)))];
  for (const task of options.tasks) {
    for (const name of sources(task)) {
      if (!known.includes(name)) {
        throw mtlError({
          code: "unknown-task",
          message: `stackingFusion: no model predicts task "${name}" (for task "${task.name}")`,
          fix: `use one of ${knownNames(known)}, or name source tasks with from`,
        });
      }
    }
  }
  const width = (task: TaskSpec): number =>
    pairs(task).reduce(
      (sum, { model, name }) => sum + outputWidth(model.tasks.find((t) => t.name === name) as TaskSpec),
      0,
    );
  return fusedModel({
    name: "stackingFusion",
    models,
    tasks: options.tasks,
    head: options.head,
    seed: options.seed,
    width,
    features: (inputs, task) =>
      tf.concat(
        pairs(task).map(({ model, name }) => model.predict(inputs)[name] as tf.Tensor),
        1,
      ),
  });
}
