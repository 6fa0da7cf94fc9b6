import type * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../backend/random";

/**
 * Where task gradients are taken: w.r.t. the shared parameters ("param", exact), or w.r.t. the
 * shared representation ("representation", one backward through the trunk — the cheap mode of
 * MGDA-UB, Sener & Koltun 2018 §3.3).
 */
export type GradientMode = "param" | "representation";

/** What a method may read about the step it is weighting. Plain data; methods never read trainer fields. */
export interface WeightingContext {
  /** Global step, 0-based. */
  step: number;
  /** Epoch, 0-based. */
  epoch: number;
  /** The run's seeded generator (RLW, PCGrad's order, GradDrop's signs draw from it). */
  rng: Rng;
  /** Task names, in the order of losses and gradient rows. */
  taskNames: readonly string[];
  /** This step's per-task loss values (detached), in task order. */
  losses: Float64Array;
}

import type { SolverStatus } from "../linalg/solver-status";
export type { SolverStatus };

/**
 * A loss-based method: sees the T per-task losses and returns the scalar to minimise.
 * Its learnable `variables` (e.g. uncertainty weighting's log-variances) are trained with the model.
 */
export interface LossWeighting {
  readonly kind: "loss";
  readonly name: string;
  readonly variables: readonly tf.Variable[];
  /**
   * Called inside the gradient tape. `weights` are the effective task weights of this step,
   * for the history (values only; not differentiated).
   */
  combine(losses: readonly tf.Scalar[], context: WeightingContext): { total: tf.Scalar; weights: Float64Array };
  /**
   * Added by the weighting part (optional): the effective task weights ∂total/∂L_t that `combine`
   * would report for these loss values, computed without tensors. Implemented by the methods without
   * learnable variables, so plain-number callers (the toy landscape, tests, plots) can skip tfjs.
   * Like `combine`, it reads state but never changes it (RLW draws from `context.rng`).
   */
  weightsFor?(losses: Float64Array, context: WeightingContext): Float64Array;
  /** State update after the optimizer step, with the losses measured after it (FAMO). */
  endStep?(context: WeightingContext): void;
  /** State update at the end of an epoch, with that epoch's mean training loss per task (DWA). */
  endEpoch?(epoch: number, meanLosses: Float64Array): void;
}

/** What a gradient method decides from the T×T Gramian: the task weights, and its solver status. */
export interface GradientWeights {
  /** w, length T: the update direction is Σ_t w_t g_t. */
  weights: Float64Array;
  solver?: SolverStatus;
}

/** What a method's on-device {@link GradientWeighting.combineTensor} returns. */
export interface TensorCombination extends GradientWeights {
  /** The update, length P, on the device; the caller owns and disposes it. */
  direction: tf.Tensor1D;
}

/**
 * A gradient-based method. Most methods need only the Gramian G = J Jᵀ of the T×P task-gradient
 * matrix J (`weigh`); methods whose update is not a linear combination of task gradients
 * (GradDrop) or that keep per-task gradients (DB-MTL) implement `combine` on J itself, and may add
 * `combineTensor`, the same maths with tensor ops, so the trainer never copies J to the host.
 */
export interface GradientWeighting {
  readonly kind: "gradient";
  readonly name: string;
  /** The modes the method's paper supports or that make sense for it. */
  readonly modes: readonly GradientMode[];
  /** Task weights from the row-major T×T Gramian. */
  weigh?(gramian: Float64Array, taskCount: number, context: WeightingContext): GradientWeights;
  /** The update from the row-major T×P matrix J directly. */
  combine?(
    jacobian: Float64Array,
    taskCount: number,
    parameterCount: number,
    context: WeightingContext,
  ): GradientWeights & { direction: Float64Array };
  /**
   * The update from J on the device: the same maths as `combine` in float32 tensor ops, drawing
   * the same numbers from `context.rng`; preferred by the trainer when present. Leaves no
   * intermediate tensors; tensors it keeps as state are freed by `releaseTensors`. `gramian`, the
   * row-major T×T J Jᵀ, is passed when the caller has computed it anyway (the trainer does, for the cosines).
   */
  combineTensor?(jacobian: tf.Tensor2D, context: WeightingContext, gramian?: Float64Array): TensorCombination;
  /** State update after the optimizer step. */
  endStep?(context: WeightingContext): void;
  /**
   * Moves state held on the device (DB-MTL's gradient buffer) to host memory and frees its tensors;
   * the method stays usable and uploads it again on its next `combineTensor`. Call it when training ends.
   */
  releaseTensors?(): void;
}

/** Any weighting method. */
export type WeightingMethod = LossWeighting | GradientWeighting;
