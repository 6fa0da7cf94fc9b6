import type * as tf from "@tensorflow/tfjs-core";
import type { TaskKind } from "../types";

/**
 * A loss as data: the kinds it accepts and its per-sample value on raw outputs. A task's `loss` may
 * be one of these objects instead of a name — e.g. a distillation loss whose targets are a teacher's
 * outputs (see `distillationData`); such a task is not JSON-serialisable.
 */
export interface LossDefinition {
  /** Shown in messages for a loss given as an object. */
  name?: string;
  /**
   * Per-sample target shape when it is not the task kind's (float32 then), e.g. a teacher's logits
   * followed by the gold label.
   */
  targetShape?: readonly number[];
  /** Task kinds this loss is meant for. */
  kinds: readonly TaskKind[];
  /** Per-sample loss, shape [B], from raw outputs [B, W] and targets (class indices [B] or values [B, W]). */
  perSample(outputs: tf.Tensor2D, targets: tf.Tensor): tf.Tensor1D;
}
