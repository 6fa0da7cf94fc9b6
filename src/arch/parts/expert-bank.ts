import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import type { ActivationName } from "./activation";
import { mlp } from "./mlp";

/** E experts of one shape applied to the same input. */
export interface ExpertBank {
  readonly count: number;
  /** Width d of each expert's output. */
  readonly outputSize: number;
  readonly variables: readonly tf.Variable[];
  /** The experts' outputs stacked: [B, E, d]. */
  apply(x: tf.Tensor): tf.Tensor3D;
}

/** Options of {@link expertBank}. */
export interface ExpertBankOptions {
  count: number;
  inputSize: number;
  /** Widths of each expert's layers; the last is d. */
  hidden: readonly number[];
  activation: ActivationName;
  rng: Rng;
  name: string;
}

/**
 * A bank of E expert MLPs f_1…f_E (Ma et al. 2018, §4.2): the same input, independent weights.
 *
 * @example
 * const bank = expertBank({ count: 3, inputSize: 4, hidden: [8], activation: "relu", rng: createRng(1), name: "e" });
 * bank.apply(tf.ones([2, 4])).shape; // [2, 3, 8]
 */
export function expertBank(options: ExpertBankOptions): ExpertBank {
  const experts = Array.from({ length: options.count }, (_, e) =>
    mlp({ ...options, sizes: options.hidden, name: `${options.name}/expert${e}` }),
  );
  return {
    count: options.count,
    outputSize: experts[0]?.outputSize ?? options.inputSize,
    variables: experts.flatMap((expert) => expert.variables),
    apply: (x) => tf.stack(experts.map((expert) => expert.apply(x)), 1) as tf.Tensor3D,
  };
}
