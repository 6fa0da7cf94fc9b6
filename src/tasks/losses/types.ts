import type * as tf from "@tensorflow/tfjs-core";
import type { TaskKind } from "../types";

/** A loss as data: the kinds it accepts and its per-sample value on raw outputs. */
export interface LossDefinition {
  /** Task kinds this loss is meant for. */
  kinds: readonly TaskKind[];
  /** Per-sample loss, shape [B], from raw outputs [B, W] and targets (class indices [B] or values [B, W]). */
  perSample(outputs: tf.Tensor2D, targets: tf.Tensor): tf.Tensor1D;
}
