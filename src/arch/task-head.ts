import * as tfl from "@tensorflow/tfjs-layers";
import { outputWidth } from "../tasks/output-shape";
import type { TaskSpec } from "../tasks/types";
import { layerStack } from "./encoders/layer-stack";
import type { Encoder } from "./encoders/types";
import { maskDecoder } from "./mask-decoder";

/** Options of a task head (tower): hidden layers before the task's output layer. */
export interface HeadOptions {
  /** Units of each hidden layer. Default [] (a single linear output layer). */
  hidden?: readonly number[];
  /** Activation of the hidden layers. Default "relu". */
  activation?: "relu" | "tanh" | "elu" | "sigmoid" | "linear";
  /** Dropout after each hidden layer (0 = none). Default 0. */
  dropout?: number;
}

/**
 * One task's head: (dense → activation → [dropout]) per hidden layer, then a linear dense layer
 * with the task's output width (class count, 1, 4, or size); outputs are raw scores (logits). A mask
 * task gets a {@link maskDecoder} instead (its `hidden` are the decoder's filters per stage).
 *
 * @example
 * taskHead({ name: "left", kind: "classification", classes: 10 }, [50], { hidden: [50] }).build(); // [10]
 */
export function taskHead(task: TaskSpec, inputShape: readonly number[], options: HeadOptions = {}): Encoder {
  if (task.kind === "mask") return maskDecoder(task, inputShape, { hidden: options.hidden });
  const hidden = options.hidden ?? [];
  const activation = options.activation ?? "relu";
  const dropout = options.dropout ?? 0;
  const stack: tfl.layers.Layer[] = inputShape.length > 1 ? [tfl.layers.flatten()] : [];
  for (const units of hidden) {
    stack.push(tfl.layers.dense({ units, activation }));
    if (dropout > 0) stack.push(tfl.layers.dropout({ rate: dropout }));
  }
  stack.push(tfl.layers.dense({ units: outputWidth(task) }));
  const config = { hidden: [...hidden], activation, dropout };
  return layerStack({ layers: stack, inputShape, name: `head:${task.name}`, config });
}
