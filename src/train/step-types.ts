import type * as tf from "@tensorflow/tfjs-core";
import type { MultiTaskModel } from "../arch/types";
import type { ResolvedTask } from "../tasks/types";
import type { SolverStatus, WeightingContext } from "../weighting/types";
import type { Batch } from "./make-batch";

/** Everything one training step reads. */
export interface StepInput {
  model: MultiTaskModel;
  tasks: readonly ResolvedTask[];
  batch: Batch;
  /** The weighting context without this step's losses (the step fills them in). */
  context: Omit<WeightingContext, "losses">;
  /** Seeds dropout: every forward pass of the step gets it in its forward options, so all see the same masks. */
  stepSeed: number;
  /** The extra loss terms (L1/L2 and the model's own penalty), or undefined. */
  penalty: () => tf.Scalar | undefined;
}

/** What one step produced, before clipping and the optimizer. */
export interface StepOutcome {
  /** Gradient per variable name; the caller disposes them. */
  grads: tf.NamedTensorMap;
  losses: Float64Array;
  weights: Float64Array;
  solver?: SolverStatus;
  /** Row-major T×T cosine similarities of the task gradients (gradient methods). */
  cosines?: Float64Array;
}
