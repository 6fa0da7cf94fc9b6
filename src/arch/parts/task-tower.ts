import type * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import type { TaskSpec } from "../../tasks/types";
import type { ActivationName } from "./activation";
import { denseLayer } from "./dense-layer";
import { denseStack } from "./dense-stack";
import { outputWidth } from "../../tasks/output-shape";

/** A task's tower: hidden layers, then a linear head giving the task's raw output. */
export interface TaskTower {
  readonly variables: readonly tf.Variable[];
  apply(h: tf.Tensor): tf.Tensor;
}

/** Options of {@link taskTower}. */
export interface TaskTowerOptions {
  task: TaskSpec;
  inputSize: number;
  hidden: readonly number[];
  activation: ActivationName;
  rng: Rng;
  name: string;
}

/**
 * A task tower: an MLP of `hidden` widths and a linear head as wide as the task's output.
 *
 * @example
 * const tower = taskTower({ task: { name: "digit", kind: "classification", classes: 10 }, inputSize: 16, hidden: [8],
 *   activation: "relu", rng: createRng(1), name: "t" });
 * tower.apply(tf.ones([4, 16])).shape; // [4, 10]
 */
export function taskTower(options: TaskTowerOptions): TaskTower {
  const { task, rng, activation } = options;
  const body = denseStack({
    inputSize: options.inputSize,
    sizes: options.hidden,
    activation,
    rng,
    name: `${options.name}/tower`,
  });
  const head = denseLayer({ inputSize: body.outputSize, units: outputWidth(task), rng, name: `${options.name}/head` });
  return {
    variables: [...body.variables, ...head.variables],
    apply: (h) => head.apply(body.apply(h)),
  };
}
