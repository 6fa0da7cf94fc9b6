import type * as tf from "@tensorflow/tfjs-core";
import type { GradientMode, SolverStatus, WeightingContext, WeightingMethod } from "./types";

/** Per-task scalar losses keyed by task name. */
export type LossesByTask = Readonly<Record<string, tf.Scalar>>;

/**
 * What a losses function returns in representation mode: the shared representation z, and the heads that
 * turn z into the per-task losses. Gradient methods then weigh the task gradients ∂L_t/∂z and push
 * c = Σ_t w_t ∂L_t/∂z back through the trunk once (MGDA-UB, Sener & Koltun 2018 §3.3).
 */
export interface RepresentationLosses {
  representation: tf.Tensor;
  heads: (representation: tf.Tensor) => LossesByTask;
}

/** Options for {@link weightedGradients}. */
export interface WeightedGradientsOptions {
  /** The weighting method: loss-, Gramian- or Jacobian-based. */
  weighting: WeightingMethod;
  /** Variables every task uses: they get the method's combined update. */
  shared: readonly tf.Variable[];
  /** Each task's own variables, keyed by task name (the task order is the key order). */
  tasks: Readonly<Record<string, readonly tf.Variable[]>>;
  /** Step, epoch and generator the method sees. Default step 0, epoch 0, a generator seeded with 0. */
  context?: Partial<Pick<WeightingContext, "step" | "epoch" | "rng">>;
  /**
   * Runs every call of the losses function (and of a representation's heads) with `Math.random` seeded by it,
   * so dropout draws the same masks in every call; `Math.random` is restored afterwards.
   * Default: unseeded.
   */
  seed?: number;
  /**
   * Extra loss terms added unweighted to every variable's update (weight decay, a model's own penalty).
   * Default: none.
   */
  penalty?: () => tf.Scalar | undefined;
}

/** What {@link weightedGradients} returns. */
export interface WeightedGradientsResult {
  /**
   * The update of every variable, keyed by variable name (what `optimizer.applyGradients` takes); the caller disposes
   * them.
   */
  grads: tf.NamedTensorMap;
  /** The effective task weights, in task order. */
  weights: Float64Array;
  /** The per-task loss values, in task order. */
  losses: Float64Array;
  /** Task names in the order of `weights` and `losses`. */
  taskNames: string[];
  /** Where the task gradients were taken; "loss" for a loss-based method. */
  mode: GradientMode | "loss";
  /** The method's solver status, when it has an iterative solver. */
  solver?: SolverStatus;
  /** Row-major T×T cosine similarities of the task gradients (gradient methods). */
  cosines?: Float64Array;
  /** The context the method saw, with this step's losses: pass it to `method.endStep` after the optimizer step. */
  context: WeightingContext;
}
