import type * as tf from "@tensorflow/tfjs-core";
import type { TaskSpec } from "../tasks/types";

/** Tensors keyed by name: a batch's inputs, or a model's per-task outputs. */
export type NamedTensors = Record<string, tf.Tensor>;

/** Options of a forward pass. */
export interface ForwardOptions {
  /**
   * True while training: dropout is on, batch normalisation uses the batch's statistics and updates
   * its running ones; false: no dropout, running statistics.
   */
  training: boolean;
  /**
   * Seeds this pass's dropout masks (each dropout layer mixes in its position), so one step seed fixes
   * them without touching `Math.random`. Default: drawn from `Math.random`.
   */
  seed?: number;
  /**
   * In training, whether batch normalisation moves its running statistics on this pass. Default true. The
   * trainer passes false on the repeat passes of a step (a gradient method's per-task passes, FAMO's pass
   * after the update), so the statistics move once per step whatever the weighting.
   */
  updateStatistics?: boolean;
}

/**
 * A multi-task model: one named output per task, and a report of which variables are shared and
 * which belong to each task. Architectures are functions returning this plain object; the
 * trainer, weighting methods and plots rely on nothing else.
 *
 * Outputs are raw scores (logits for classification, binary and multilabel tasks), because losses
 * on logits are numerically stable; {@link MultiTaskModel.predict} applies each kind's activation.
 */
export interface MultiTaskModel {
  readonly name: string;
  readonly tasks: readonly TaskSpec[];
  /** The input names the model reads from a batch, e.g. ["image"]. */
  readonly inputNames: readonly string[];
  /** Raw per-task outputs, keyed by task name. */
  forward(inputs: NamedTensors, options: ForwardOptions): NamedTensors;
  /** Per-task predictions with the task kind's output activation (softmax, sigmoid, identity). */
  predict(inputs: NamedTensors): NamedTensors;
  /**
   * The shared representation z = trunk(x), for gradient methods in "representation" mode.
   * Absent when the architecture has no single shared representation (soft sharing, cross-stitch).
   */
  representation?(inputs: NamedTensors, options: ForwardOptions): tf.Tensor;
  /** The task heads applied to a shared representation; present exactly when `representation` is. */
  heads?(representation: tf.Tensor, options: ForwardOptions): NamedTensors;
  /** Variables every task updates (the trunk, experts, gates shared by all). */
  readonly sharedVariables: readonly tf.Variable[];
  /** Variables only one task's loss reaches, keyed by task name. */
  readonly taskVariables: Readonly<Record<string, readonly tf.Variable[]>>;
  /**
   * Non-trainable variables that are part of the model's state — batch-norm running mean and
   * variance — saved and restored with the weights but never given to an optimizer.
   */
  stateVariables?: readonly tf.Variable[];
  /** An extra loss term the architecture adds, e.g. soft sharing's coupling penalty λ·R(θ). */
  penalty?(): tf.Scalar;
  /**
   * Internals observed on a forward pass, for plots: gate weights, attention masks, stitch
   * coefficients, keyed by a descriptive name. The caller disposes them.
   */
  inspect?(inputs: NamedTensors): NamedTensors;
  /**
   * Retrieval tasks: the embeddings of every candidate of the catalogue, [N, width] with row = candidate
   * id, which top-K metrics rank each query against. The caller disposes the tensor.
   */
  candidates?(task: string): tf.Tensor2D;
  /** A JSON description sufficient to rebuild the model (architecture name and options). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Frees every variable the model owns. */
  dispose(): void;
}
