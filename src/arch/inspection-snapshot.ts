import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";
import type { MultiTaskModel, NamedTensors } from "./types";

/** Options of {@link inspectionSnapshot}. */
export interface InspectionSnapshotOptions {
  /** Average every inspected tensor over its first (batch) axis first — for gates and masks. Default false. */
  meanOverBatch?: boolean;
  /** Keep only the inspected names starting with one of these, e.g. ["gate/"]. Default all. */
  prefixes?: readonly string[];
}

/** Inspected values as plain matrices, keyed like `inspect()`'s tensors. */
export type InspectionMatrices = Record<string, number[][]>;

/**
 * Runs a model's `inspect()` on `inputs` and returns each internal as a plain number[][] (freeing
 * the tensors): a scalar becomes [[v]], a vector one row, a matrix itself, and a higher-rank
 * tensor [first axis, everything else]. With `meanOverBatch`, MMoE's gates [B, E] become one
 * row of mean gate weights; cross-stitch's T×T coefficients are kept as they are.
 *
 * @example
 * const model = crossStitch({ tasks: [{ name: "a", kind: "regression" }, { name: "b", kind: "regression" }],
 *   inputShape: [4], seed: 1 });
 * inspectionSnapshot(model, { x: tf.ones([1, 4]) })["stitch/0"]; // [[0.9, 0.1], [0.1, 0.9]]
 */
export function inspectionSnapshot(
  model: MultiTaskModel,
  inputs: NamedTensors,
  options: InspectionSnapshotOptions = {},
): InspectionMatrices {
  if (model.inspect === undefined) {
    throw mtlError({
      code: "no-inspect",
      message: `model "${model.name}" exposes no internals (it has no inspect())`,
      fix:
        "use an architecture with gates, masks, stitches or couplings: mmoe, omoe, cgc, ple, taskAttention, " +
        "crossStitch, softSharing, esmm",
    });
  }
  const inspected = model.inspect(inputs);
  try {
    const out: InspectionMatrices = {};
    for (const [name, tensor] of Object.entries(inspected)) {
      if (options.prefixes && !options.prefixes.some((prefix) => name.startsWith(prefix))) continue;
      out[name] = tf.tidy(() => asMatrix(options.meanOverBatch && tensor.rank > 0 ? tf.mean(tensor, 0) : tensor));
    }
    return out;
  } finally {
    tf.dispose(Object.values(inspected));
  }
}

function asMatrix(tensor: tf.Tensor): number[][] {
  const values = Array.from(tensor.dataSync());
  if (tensor.rank <= 1) return [values];
  const rows = tensor.shape[0] as number;
  const width = values.length / rows;
  return Array.from({ length: rows }, (_, i) => values.slice(i * width, (i + 1) * width));
}
