import * as tf from "@tensorflow/tfjs-core";
import type { HeadOptions } from "../arch/task-head";
import type { MultiTaskModel } from "../arch/types";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { fusedModel } from "./fused-model";

/** Options of {@link featureFusion} and {@link stackingFusion}. */
export interface FusionOptions {
  /** The tasks of the fused model (each gets a new head). */
  tasks: readonly TaskSpec[];
  head?: HeadOptions;
  seed?: number;
  /**
   * stackingFusion only: the tasks whose predictions feed every new head. Default: each head reads
   * the predictions of its own task — set it to fit a new task on another task's probabilities.
   */
  from?: readonly string[];
}

/**
 * Feature-level fusion: concatenate the trained models' shared representations (each flattened)
 * and train new task heads on them; the base models stay fixed. Train the result with `train`.
 *
 * @example
 * const task = { name: "a", kind: "classification" as const, classes: 3 };
 * const base = (seed: number) => hardSharing({ trunk: mlp({ inputShape: [2], hidden: [4] }), tasks: [task], seed });
 * const models = [base(0), base(1)];
 * const fused = featureFusion(models, { tasks: [task], seed: 2 });
 * countParameters(fused).tasks.a; // → 27  (8 concatenated features → 3 logits)
 * fused.dispose(); models.forEach((model) => model.dispose());
 */
export function featureFusion(models: readonly MultiTaskModel[], options: FusionOptions): MultiTaskModel {
  for (const model of models) {
    if (model.representation === undefined) {
      throw mtlError({
        code: "fusion-needs-representation",
        message: `featureFusion: model "${model.name}" has no shared representation`,
        fix: "fuse models with representation (hardSharing, mmoe, …), or fuse their predictions with stackingFusion",
      });
    }
  }
  const widths = models.map((model) => {
    const trunk = model.config.trunk as { inputShape?: readonly number[] } | undefined;
    const shape = trunk?.inputShape;
    if (shape === undefined) return undefined;
    return tf.tidy(() => {
      const probe = tf.zeros([1, ...shape]);
      const z = model.representation!(Object.fromEntries(model.inputNames.map((name) => [name, probe])), {
        training: false,
      });
      return z.size;
    });
  });
  if (widths.some((width) => width === undefined)) {
    throw mtlError({
      code: "missing-input-shape",
      message: "featureFusion cannot tell a model's input shape from its config",
      fix: "fuse models built with a trunk encoder (config.trunk.inputShape)",
    });
  }
  const total = (widths as number[]).reduce((a, b) => a + b, 0);
  return fusedModel({
    name: "featureFusion",
    models,
    tasks: options.tasks,
    head: options.head,
    seed: options.seed,
    width: () => total,
    features: (inputs) => {
      const parts = models.map((model) => {
        const z = model.representation!(inputs, { training: false });
        return tf.reshape(z, [z.shape[0] ?? -1, -1]);
      });
      return tf.concat(parts, 1);
    },
  });
}
