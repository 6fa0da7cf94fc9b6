import type * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../backend/random";
import type { SolverStatus } from "../linalg/solver-status";
import type { Jacobian } from "./to-jacobian";

export type { SolverStatus };

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
  /** Task names, in the order of losses and gradient rows; T = `taskNames.length`. */
  taskNames: readonly string[];
  /** This step's per-task loss values (detached), in task order. */
  losses: Float64Array;
}

/** One value of a method's state: JSON data, or a Float64Array (checkpoints tag it so it comes back as one). */
export type StateValue =
  null | undefined | boolean | number | string | Float64Array | readonly StateValue[] | { [key: string]: StateValue };

/** A method's whole state: a plain object of {@link StateValue}s that checkpoints save and restore in place. */
export type WeightingState = { [key: string]: StateValue };

/**
 * What every method has. `state` is everything the method carries from one step to the next (DWA's loss
 * history, GradNorm's logits); checkpoints save it and write it back in place, so keep it in this object and
 * change it only in `endStep` / `endEpoch` (the functions that compute an update read it but never change it,
 * so `aggregate` can be called twice with one result).
 */
export interface WeightingBase {
  readonly name: string;
  /** The method's serialisable state; omit it for a stateless method. */
  readonly state?: WeightingState;
  /** State update after the optimizer step; for loss methods `context.losses` are measured after it (FAMO). */
  endStep?(context: WeightingContext): void;
  /** State update at the end of an epoch, with that epoch's mean training loss per task (DWA, STCH). */
  endEpoch?(epoch: number, meanLosses: Float64Array): void;
}

/**
 * A loss-based method: sees the T per-task losses and returns the scalar to minimise. Its learnable
 * `variables` (uncertainty weighting's log-variances) are trained with the model; they are the one
 * thing besides `combine` the trainer must know about.
 */
export interface LossWeighting extends WeightingBase {
  readonly kind: "loss";
  /** Learnable variables of the method itself, trained with the model. Default: none. */
  readonly variables?: readonly tf.Variable[];
  /**
   * Called inside the gradient tape. `weights` are the effective task weights ∂total/∂L_t of this step,
   * for the history (values only; not differentiated). `context.losses` holds the same values as numbers.
   */
  combine(losses: readonly tf.Scalar[], context: WeightingContext): { total: tf.Scalar; weights: Float64Array };
  /**
   * Optional tensor-free twin of `combine`'s weights for these loss values, as `combineTensor` is the device
   * twin of a Jacobian method's `combine`. The trainer never calls it; `lossWeights` prefers it, so callers
   * that only want numbers (the toy landscape runs 10⁵ steps) skip tfjs. Same contract as `combine`.
   */
  weightsFor?(losses: Float64Array, context: WeightingContext): Float64Array;
}

/** What a gradient method decides: the task weights, and its solver status. */
export interface GradientWeights {
  /** w, length T: the update direction is Σ_t w_t g_t (a Jacobian method reports its own effective weights). */
  weights: Float64Array;
  solver?: SolverStatus;
}

/** What a Jacobian method's `combine` returns. */
export interface JacobianCombination extends GradientWeights {
  /** The update, length P. */
  direction: Float64Array;
}

/** What a method's on-device {@link JacobianWeighting.combineTensor} returns. */
export interface TensorCombination extends GradientWeights {
  /** The update, length P, on the device; the caller owns and disposes it. */
  direction: tf.Tensor1D;
}

/**
 * A Gramian-based gradient method (most of them, as in TorchJD): the task weights w from the row-major
 * T×T Gramian G = J Jᵀ of the task-gradient matrix J; the update Σ_t w_t g_t is formed by the caller.
 * Works in both gradient modes: the Gramian of representation gradients is as valid an input as that of
 * parameter gradients.
 */
export interface GramianWeighting extends WeightingBase {
  readonly kind: "gramian";
  /** Task weights from the row-major T×T Gramian (T = `context.taskNames.length`). */
  weigh(gramian: Float64Array, context: WeightingContext): GradientWeights;
}

/**
 * A Jacobian-based gradient method: the update from the T×P matrix J itself, for methods whose update
 * is not a linear combination of task gradients (GradDrop) or that keep per-task gradients (DB-MTL).
 * `combineTensor` is the same maths in float32 tensor ops drawing the same numbers from `context.rng`;
 * the trainer prefers it, so J never leaves the device.
 */
export interface JacobianWeighting extends WeightingBase {
  readonly kind: "jacobian";
  /**
   * The gradient modes the maths allows. Default both; DB-MTL lists only "param", as an EMA of
   * per-sample representation gradients across steps is no gradient at all.
   */
  readonly modes?: readonly GradientMode[];
  /** The update from the row-major T×P matrix J, in Float64 on the host. */
  combine(jacobian: Jacobian, context: WeightingContext): JacobianCombination;
  /**
   * The update from J on the device. Leaves no intermediate tensors. `gramian`, the row-major T×T J Jᵀ,
   * is passed when the caller has computed it anyway (the trainer does, for the cosines).
   */
  combineTensor?(jacobian: tf.Tensor2D, context: WeightingContext, gramian?: Float64Array): TensorCombination;
}

/** A gradient method: Gramian- or Jacobian-based. */
export type GradientWeighting = GramianWeighting | JacobianWeighting;

/**
 * Any weighting method: a plain object with a `kind`, a `name` and the one function of its kind.
 *
 * Write your own by picking the kind whose input your maths needs and giving that one function; the
 * compiler rejects an object without it. A loss method returns the scalar to minimise
 * (`combine(losses, context)`), a Jacobian method the update itself (`combine(jacobian, context)`). Anything it
 * carries across steps goes in `state`, changed in `endStep` / `endEpoch`. Pass it to `train({ weighting })`,
 * `weightedGradients` or `aggregate`. A Gramian method that averages the task gradients:
 *
 * @example
 * const meanOfGradients: GramianWeighting = {
 *   kind: "gramian",
 *   name: "meanOfGradients",
 *   weigh: (gramian, context) => ({ weights: new Float64Array(context.taskNames.length).fill(0.5) }),
 * };
 * aggregate(meanOfGradients, [[1, 0], [0, 1]]).direction; // → [0.5, 0.5]
 */
export type WeightingMethod = LossWeighting | GramianWeighting | JacobianWeighting;

/** The kinds a {@link WeightingMethod} can have. */
export type WeightingKind = WeightingMethod["kind"];
