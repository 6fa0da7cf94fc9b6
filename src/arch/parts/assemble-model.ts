import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../../errors";
import type { TaskSpec } from "../../tasks/types";
import type { MultiTaskModel, NamedTensors } from "../types";
import { activateOutputs } from "./activate-outputs";
import { readInput } from "./read-input";

/** What an architecture supplies; {@link assembleModel} adds input checks, tidying, predict and dispose. */
export interface ModelParts {
  name: string;
  tasks: readonly TaskSpec[];
  input: string;
  inputShape: readonly number[];
  /** Raw per-task outputs from the checked input tensor. */
  forward(x: tf.Tensor, training: boolean): NamedTensors;
  representation?(x: tf.Tensor, training: boolean): tf.Tensor;
  /**
   * Heads on a representation. `x` is the input of the last `representation` call, for heads that
   * also read the input (MMoE's and CGC's gates read x, Ma et al. 2018 §4.3).
   */
  heads?(z: tf.Tensor, training: boolean, x?: tf.Tensor): NamedTensors;
  /** True when `heads` reads `x`; then heads must follow `representation` on the same batch. */
  headsReadInput?: boolean;
  sharedVariables: readonly tf.Variable[];
  taskVariables: Readonly<Record<string, readonly tf.Variable[]>>;
  penalty?(): tf.Scalar;
  inspect?(x: tf.Tensor): NamedTensors;
  config: Record<string, unknown>;
}

/**
 * Turns an architecture's parts into a {@link MultiTaskModel}: every call is tidied, inputs are
 * checked by name and shape, `predict` applies each kind's activation, `dispose` frees all variables.
 *
 * @example
 * const model = assembleModel({ name: "linear", tasks, input: "x", inputShape: [4], forward, sharedVariables: [], taskVariables, config: {} });
 */
export function assembleModel(parts: ModelParts): MultiTaskModel {
  const read = (inputs: NamedTensors): tf.Tensor => readInput(inputs, parts.input, parts.inputShape);
  const forward = (inputs: NamedTensors, options: { training: boolean }): NamedTensors =>
    tf.tidy(() => parts.forward(read(inputs), options.training));
  const model: MultiTaskModel = {
    name: parts.name,
    tasks: parts.tasks,
    inputNames: [parts.input],
    forward,
    predict: (inputs) => tf.tidy(() => activateOutputs(parts.tasks, forward(inputs, { training: false }))),
    sharedVariables: parts.sharedVariables,
    taskVariables: parts.taskVariables,
    config: Object.freeze({ ...parts.config, architecture: parts.name }),
    dispose: () => new Set(allVariables(parts)).forEach((variable) => variable.dispose()),
  };
  if (parts.representation && parts.heads) Object.assign(model, representationPair(parts, read));
  if (parts.penalty) {
    const penalty = parts.penalty;
    model.penalty = () => tf.tidy(penalty);
  }
  if (parts.inspect) {
    const inspect = parts.inspect;
    model.inspect = (inputs) => tf.tidy(() => inspect(read(inputs)));
  }
  return model;
}

function allVariables(parts: ModelParts): tf.Variable[] {
  return [...parts.sharedVariables, ...Object.values(parts.taskVariables).flat()];
}

function representationPair(parts: ModelParts, read: (inputs: NamedTensors) => tf.Tensor): Pick<MultiTaskModel, "representation" | "heads"> {
  const representation = parts.representation as NonNullable<ModelParts["representation"]>;
  const heads = parts.heads as NonNullable<ModelParts["heads"]>;
  let lastInput: tf.Tensor | undefined;
  return {
    representation: (inputs, options) => {
      lastInput = read(inputs);
      const x = lastInput;
      return tf.tidy(() => representation(x, options.training));
    },
    heads: (z, options) => {
      if (!parts.headsReadInput) return tf.tidy(() => heads(z, options.training));
      if (lastInput === undefined || lastInput.isDisposed || lastInput.shape[0] !== z.shape[0]) {
        throw mtlError({
          code: "heads-without-representation",
          message: `${parts.name}.heads got a representation of batch size ${z.shape[0]} without a live input of that batch from representation()`,
          fix: "call model.representation(batch) and then model.heads(z) on the same batch",
        });
      }
      const x = lastInput;
      return tf.tidy(() => heads(z, options.training, x));
    },
  };
}
