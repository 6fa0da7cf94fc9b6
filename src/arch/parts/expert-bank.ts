import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import type { ForwardOptions } from "../types";
import { activate, type ActivationName } from "./activation";
import { batchedDense } from "./batched-dense";
import { normalizeBatch } from "./normalize-batch";
import { stackedDense } from "./stacked-dense";
import { denseStack } from "./dense-stack";

/** E experts of one shape applied to the same input. */
export interface ExpertBank {
  readonly count: number;
  /** Width d of each expert's output. */
  readonly outputSize: number;
  /** Each expert's kernels and biases, expert by expert (expert 0's layers first). */
  readonly variables: readonly tf.Variable[];
  /** The batch-norm running statistics, expert by expert (empty without `batchNorm`). */
  readonly stateVariables: readonly tf.Variable[];
  /** The experts' outputs stacked: [B, E, d]; `forward.training` picks batch or running statistics. */
  apply(x: tf.Tensor, forward?: ForwardOptions): tf.Tensor3D;
}

/** Options of {@link expertBank}. */
export interface ExpertBankOptions {
  count: number;
  inputSize: number;
  /** Widths of each expert's layers; the last is d. */
  hidden: readonly number[];
  activation: ActivationName;
  /** Batch normalisation before each hidden activation, per expert (each its own γ, β, statistics). Default false. */
  batchNorm?: boolean;
  rng: Rng;
  name: string;
}

/**
 * A bank of E expert MLPs f_1…f_E (Ma et al. 2018, §4.2): the same input, independent weights.
 * Each expert keeps its own variables, but the bank runs as one network: the first layers of all
 * experts are one [D, E·h] matmul and every deeper layer one batched [E, B, h]·[E, h, h'] matmul,
 * which is the same maths as E separate MLPs in a handful of kernels instead of E times as many.
 * With `batchNorm`, each layer's E normalisations run as one too ({@link normalizeBatch} on the stack).
 *
 * @example
 * const bank = expertBank({ count: 3, inputSize: 4, hidden: [8], activation: "relu", rng: createRng(1), name: "e" });
 * bank.apply(tf.ones([2, 4])).shape; // → [2, 3, 8]
 */
export function expertBank(options: ExpertBankOptions): ExpertBank {
  const { count, activation } = options;
  const experts = Array.from({ length: count }, (_, e) =>
    denseStack({ ...options, sizes: options.hidden, name: `${options.name}/expert${e}` }),
  );
  const layerCount = options.hidden.length;
  const layer = (i: number) => experts.map((expert) => expert.layers[i]!);
  const batchNorm = options.batchNorm ?? false;
  // With batch norm the matmuls are linear; each layer's E norms and the activation follow.
  const linear = batchNorm ? "linear" : activation;
  const normed = (h: tf.Tensor3D, i: number, forward: ForwardOptions, batchAxis: 0 | 1): tf.Tensor3D => {
    if (!batchNorm) return h;
    const norms = experts.map((expert) => expert.norms[i]!);
    return activate(normalizeBatch(h, norms, forward, batchAxis), activation) as tf.Tensor3D;
  };
  const apply = (x: tf.Tensor, forward: ForwardOptions = { training: false }): tf.Tensor3D =>
    tf.tidy(() => {
      if (layerCount === 0 || count === 0)
        return tf.stack(
          experts.map(() => x),
          1,
        ) as tf.Tensor3D;
      const first = normed(batchedDense(x as tf.Tensor2D, layer(0), linear), 0, forward, 0);
      if (layerCount === 1) return first;
      let h: tf.Tensor3D = tf.transpose(first, [1, 0, 2]);
      for (let i = 1; i < layerCount; i++) h = normed(stackedDense(h, layer(i), linear), i, forward, 1);
      return tf.transpose(h, [1, 0, 2]);
    });
  return {
    count,
    outputSize: experts[0]?.outputSize ?? options.inputSize,
    variables: experts.flatMap((expert) => expert.variables),
    stateVariables: experts.flatMap((expert) => expert.stateVariables),
    apply,
  };
}
