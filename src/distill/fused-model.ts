import * as tf from "@tensorflow/tfjs-core";
import { setSeed } from "../backend/seed";
import { taskHead, type HeadOptions } from "../arch/task-head";
import type { ForwardOptions, MultiTaskModel, NamedTensors } from "../arch/types";
import { mtlError } from "../errors";
import { activateOutput } from "../tasks/activate-output";
import { resolveTasks } from "../tasks/resolve-tasks";
import type { TaskSpec } from "../tasks/types";

/** What a fusion model is built from: fixed features per task, and new heads trained on them. */
export interface FusedModelParts {
  name: string;
  models: readonly MultiTaskModel[];
  tasks: readonly TaskSpec[];
  /** The fixed input of task t's head, [B, D_t], from the base models (never trained). */
  features(inputs: NamedTensors, task: TaskSpec): tf.Tensor;
  width(task: TaskSpec): number;
  head?: HeadOptions;
  seed?: number;
}

/**
 * A model whose only variables are new task heads on features computed by fixed base models: the
 * base models' variables are not its own, so `train` leaves them untouched and `dispose` keeps them.
 *
 * @example
 * const task = { name: "a", kind: "classification", classes: 3 };
 * const base = (seed) => hardSharing({ trunk: mlp({ inputShape: [2], hidden: [4] }), tasks: [task], seed });
 * const models = [base(0), base(1)];
 * const features = (inputs) => tf.concat(models.map((model) => model.representation(inputs, { training: false })), 1);
 * const fused = fusedModel({ name: "features", models, tasks: [task], features, width: () => 8, seed: 2 });
 * countParameters(fused).total; // → 27  (8 features → 3 logits; the base models' variables are not its own)
 * fused.predict({ x: tf.ones([1, 2]) }).a.shape; // → [1, 3]
 * fused.dispose(); models.forEach((model) => model.dispose());
 */
export function fusedModel(parts: FusedModelParts): MultiTaskModel {
  if (parts.models.length === 0) {
    throw mtlError({
      code: "empty-fusion",
      message: `${parts.name} got no models`,
      fix: "pass the trained models to fuse",
    });
  }
  resolveTasks(parts.tasks);
  if (parts.seed !== undefined) setSeed(parts.seed);
  const heads = parts.tasks.map((task) => taskHead(task, [parts.width(task)], parts.head));
  heads.forEach((head) => head.build());
  const inputNames = [...new Set(parts.models.flatMap((model) => model.inputNames))];
  const forward = (inputs: NamedTensors, options: ForwardOptions): NamedTensors =>
    tf.tidy(() =>
      Object.fromEntries(
        parts.tasks.map((task, t) => [task.name, heads[t]!.apply(parts.features(inputs, task), options)]),
      ),
    );
  return {
    name: parts.name,
    tasks: parts.tasks,
    inputNames,
    forward,
    predict: (inputs) =>
      tf.tidy(() => {
        const raw = forward(inputs, { training: false });
        return Object.fromEntries(
          parts.tasks.map((task) => [task.name, activateOutput(task, raw[task.name] as tf.Tensor)]),
        );
      }),
    sharedVariables: [],
    taskVariables: Object.fromEntries(parts.tasks.map((task, t) => [task.name, heads[t]!.variables()])),
    config: { architecture: parts.name, models: parts.models.map((model) => model.name), head: parts.head ?? {} },
    dispose: () => heads.forEach((head) => head.dispose()),
  };
}
