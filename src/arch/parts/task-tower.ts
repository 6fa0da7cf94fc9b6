import type * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import type { TaskSpec } from "../../tasks/types";
import type { ForwardOptions } from "../types";
import type { ActivationName } from "./activation";
import { denseLayer } from "./dense-layer";
import { denseStack } from "./dense-stack";
import { outputWidth } from "../../tasks/output-shape";

/** A task's tower: hidden layers, then a linear head giving the task's raw output. */
export interface TaskTower {
  readonly variables: readonly tf.Variable[];
  /** The batch-norm running statistics of the hidden layers (empty without `batchNorm`). */
  readonly stateVariables: readonly tf.Variable[];
  /** The task's raw output; `forward.training` picks batch or running statistics. Default: inference. */
  apply(h: tf.Tensor, forward?: ForwardOptions): tf.Tensor;
}

/** Options of {@link taskTower}. */
export interface TaskTowerOptions {
  task: TaskSpec;
  inputSize: number;
  hidden: readonly number[];
  activation: ActivationName;
  /** Batch normalisation before each hidden activation (not on the output layer). Default false. */
  batchNorm?: boolean;
  rng: Rng;
  name: string;
}

/**
 * A task tower: an MLP of `hidden` widths (with `batchNorm`, dense → batch norm → activation) and a
 * linear head as wide as the task's output.
 *
 * @example
 * const tower = taskTower({ task: { name: "digit", kind: "classification", classes: 10 }, inputSize: 16, hidden: [8],
 *   activation: "relu", rng: createRng(1), name: "t" });
 * tower.apply(tf.ones([4, 16])).shape; // → [4, 10]
 */
export function taskTower(options: TaskTowerOptions): TaskTower {
  const { task, rng, activation } = options;
  const body = denseStack({
    inputSize: options.inputSize,
    sizes: options.hidden,
    activation,
    batchNorm: options.batchNorm,
    rng,
    name: `${options.name}/tower`,
  });
  const head = denseLayer({ inputSize: body.outputSize, units: outputWidth(task), rng, name: `${options.name}/head` });
  return {
    variables: [...body.variables, ...head.variables],
    stateVariables: body.stateVariables,
    apply: (h, forward) => head.apply(body.apply(h, forward)),
  };
}
