import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import type { ActivationName } from "./activation";
import type { DenseLayer } from "./dense-layer";
import { expertBank, type ExpertBank } from "./expert-bank";
import { mixExperts } from "./mix-experts";
import { softmaxGate } from "./softmax-gate";

/** One extraction level of CGC/PLE: per-task and shared experts, per-task gates, optionally a shared gate. */
export interface ExtractionLevel {
  readonly outputSize: number;
  readonly taskExperts: readonly ExpertBank[];
  readonly taskGates: readonly DenseLayer[];
  readonly sharedExperts: ExpertBank;
  readonly sharedGate?: DenseLayer;
  /**
   * Task k's gate over [its experts; shared experts] applied to its input: output [B, d] and weights [B, m_t + m_s].
   */
  taskMix(
    k: number,
    input: tf.Tensor,
    taskOut: tf.Tensor,
    sharedOut: tf.Tensor,
  ): { output: tf.Tensor; gate: tf.Tensor };
  /** The shared gate over [all tasks' experts; shared experts] applied to the shared input. */
  sharedMix(
    input: tf.Tensor,
    taskOuts: readonly tf.Tensor[],
    sharedOut: tf.Tensor,
  ): { output: tf.Tensor; gate: tf.Tensor };
}

/** Options of {@link extractionLevel}. */
export interface ExtractionLevelOptions {
  taskCount: number;
  inputSize: number;
  /** m_t, experts per task. */
  taskExperts: number;
  /** m_s, shared experts. */
  sharedExperts: number;
  expertHidden: readonly number[];
  activation: ActivationName;
  /** Batch normalisation before each hidden activation of every expert. Default false. */
  batchNorm?: boolean;
  /** Whether this level has a shared gate (every PLE level but the last). */
  withSharedGate: boolean;
  rng: Rng;
  name: string;
}

/**
 * One customised-gate-control level (Tang et al. 2020, eqs. 1–3): task k's gate
 * w^k(x) = softmax(W_g^k x) weighs the stacked outputs S^k(x) of its own m_t experts and the m_s
 * shared experts, g^k(x) = w^k(x) S^k(x); PLE's shared gate weighs every expert of the level.
 *
 * @example
 * const level = extractionLevel({ taskCount: 2, inputSize: 4, taskExperts: 1, sharedExperts: 2, expertHidden: [8],
 *   activation: "relu", withSharedGate: false, rng: createRng(1), name: "cgc" });
 */
export function extractionLevel(options: ExtractionLevelOptions): ExtractionLevel {
  const { taskCount, inputSize, rng, name, activation } = options;
  const bank = (count: number, label: string) =>
    expertBank({
      count,
      inputSize,
      hidden: options.expertHidden,
      activation,
      batchNorm: options.batchNorm,
      rng,
      name: `${name}/${label}`,
    });
  const taskExperts = Array.from({ length: taskCount }, (_, k) => bank(options.taskExperts, `task${k}`));
  const sharedExperts = bank(options.sharedExperts, "shared");
  const perTask = options.taskExperts + options.sharedExperts;
  const taskGates = taskExperts.map((_, k) =>
    softmaxGate({ inputSize, experts: perTask, rng, name: `${name}/task${k}/gate` }),
  );
  const allExperts = taskCount * options.taskExperts + options.sharedExperts;
  const sharedGate = options.withSharedGate
    ? softmaxGate({ inputSize, experts: allExperts, rng, name: `${name}/shared/gate` })
    : undefined;
  return {
    outputSize: sharedExperts.outputSize,
    taskExperts,
    taskGates,
    sharedExperts,
    sharedGate,
    taskMix: (k, input, taskOut, sharedOut) => {
      const gate = (taskGates[k] as DenseLayer).apply(input);
      return { output: mixExperts(concatExperts([taskOut, sharedOut]), gate), gate };
    },
    sharedMix: (input, taskOuts, sharedOut) => {
      const gate = (sharedGate as DenseLayer).apply(input);
      return { output: mixExperts(concatExperts([...taskOuts, sharedOut]), gate), gate };
    },
  };
}

function concatExperts(parts: readonly tf.Tensor[]): tf.Tensor {
  return tf.concat(parts as tf.Tensor[], 1);
}
