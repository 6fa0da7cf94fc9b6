import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";
import { kindDefaults } from "../tasks/kind-defaults";
import { lossFunctions, type LossDefinition } from "../tasks/losses";
import { outputWidth } from "../tasks/output-shape";
import type { TaskKind, TaskSpec } from "../tasks/types";
import { checkTemperature } from "./check-temperature";
import { sigmoidKlPerSample, softmaxKlPerSample } from "./soft-target-kl";
import type { TeacherAnnealing } from "./teacher-annealing";

/** Options of {@link distillationTaskLoss}. */
export interface DistillationTaskLossOptions {
  /** τ > 0 for classification, binary and multilabel tasks. Default 1. */
  temperature?: number;
  /** Teacher annealing (BAM!); without it the target is the teacher's alone (λ = 0). */
  annealing?: TeacherAnnealing;
}

const distillableKinds: readonly TaskKind[] = ["classification", "binary", "multilabel", "regression", "bbox"];

/** Width of the gold part of a distillation target: 1 class index or bit, else one value per output. */
export function goldWidth(task: TaskSpec): number {
  return task.kind === "classification" || task.kind === "binary" ? 1 : outputWidth(task);
}

/**
 * A task loss (for `train`'s `tasks` option) whose per-sample target is the teacher's raw output
 * followed by the gold label: (1 − λ)·soft + λ·hard, where soft is τ²·KL(softmax(t/τ) ‖ softmax(s/τ))
 * (Hinton et al. 2015; sigmoid per output for binary and multilabel; squared error to the teacher for
 * regression), hard is the kind's default loss on the gold label, and λ comes from teacher annealing
 * (BAM!, Clark et al. 2019, §3; λ = 0 without it). At τ = 1 this is BAM!'s cross-entropy to the
 * mixed target λ·y + (1 − λ)·p_teacher, less the teacher's entropy (a constant).
 *
 * @example
 * const loss = distillationTaskLoss({ name: "left", kind: "classification", classes: 2 }, { temperature: 1 });
 * loss.targetShape; // → [3]
 * loss.perSample(tf.tensor2d([[0, 0]]), tf.tensor2d([[Math.log(3), 0, 1]])); // → [0.1308]
 */
export function distillationTaskLoss(task: TaskSpec, options: DistillationTaskLossOptions = {}): LossDefinition {
  if (!distillableKinds.includes(task.kind)) {
    throw mtlError({
      code: "distillation-kind-unsupported",
      message: `task "${task.name}" has kind "${task.kind}", which distillation does not support`,
      fix: `distil tasks of kind ${distillableKinds.map((kind) => `"${kind}"`).join(", ")}`,
    });
  }
  const temperature = checkTemperature(options.temperature ?? 1, `the distillation loss of task "${task.name}"`);
  const width = outputWidth(task);
  const gold = goldWidth(task);
  const hard = lossFunctions[kindDefaults[task.kind].loss];
  const soft = (student: tf.Tensor2D, teacher: tf.Tensor2D): tf.Tensor1D => {
    if (task.kind === "classification") return softmaxKlPerSample(student, teacher, temperature);
    if (task.kind === "binary" || task.kind === "multilabel") return sigmoidKlPerSample(student, teacher, temperature);
    return tf.mean(tf.squaredDifference(student, teacher), 1) as tf.Tensor1D;
  };
  return {
    name: "distillation",
    kinds: [task.kind],
    targetShape: [width + gold],
    perSample: (outputs, targets) =>
      tf.tidy(() => {
        const rows = tf.reshape(tf.cast(targets, "float32"), [-1, width + gold]) as tf.Tensor2D;
        const lambda = options.annealing?.lambda ?? 0;
        const teacher = tf.slice(rows, [0, 0], [-1, width]) as tf.Tensor2D;
        if (lambda <= 0) return soft(outputs, teacher);
        const hardLoss = hard.perSample(outputs, tf.slice(rows, [0, width], [-1, gold]));
        if (lambda >= 1) return hardLoss;
        return tf.add(tf.mul(1 - lambda, soft(outputs, teacher)), tf.mul(lambda, hardLoss)) as tf.Tensor1D;
      }),
  };
}
