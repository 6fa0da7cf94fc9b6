import * as tf from "@tensorflow/tfjs-core";
import { checkOptions, optionNames } from "../check-options";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { activateOutputs } from "./parts/activate-outputs";
import { readInput } from "./parts/read-input";
import type { ForwardOptions, MultiTaskModel, NamedTensors } from "./types";

/**
 * What an architecture (or your own code) supplies to {@link multiTaskModel}: the computation on
 * the checked input tensor, and which variables are shared and which belong to each task.
 */
export interface MultiTaskModelParts {
  name: string;
  tasks: readonly TaskSpec[];
  /** The batch input the model reads. Default "x". */
  inputName?: string;
  /** Shape of one input sample (without the batch axis); the input is checked against it. */
  inputShape: readonly number[];
  /** Raw per-task outputs from the input tensor. Default: `heads(representation(x))`. */
  forward?(x: tf.Tensor, options: ForwardOptions): NamedTensors;
  /** The shared representation z = trunk(x), for gradient methods in "representation" mode. */
  representation?(x: tf.Tensor, options: ForwardOptions): tf.Tensor;
  /**
   * Heads on a representation. `x` is the input of the last `representation` call, for heads that
   * also read the input (MMoE's and CGC's gates read x, Ma et al. 2018 §4.3).
   */
  heads?(z: tf.Tensor, options: ForwardOptions, x?: tf.Tensor): NamedTensors;
  /** True when `heads` reads `x`; then heads must follow `representation` on the same batch. */
  headsReadInput?: boolean;
  /** Trainable variables every task updates. */
  sharedVariables: readonly tf.Variable[];
  /** Trainable variables only one task's loss reaches, keyed by task name. */
  taskVariables: Readonly<Record<string, readonly tf.Variable[]>>;
  /** Non-trainable variables saved with the weights, e.g. batch-norm running statistics. */
  stateVariables?: readonly tf.Variable[];
  /** An extra loss term, e.g. a coupling penalty. */
  penalty?(): tf.Scalar;
  /** Internals for plots (gate weights, masks), keyed by a descriptive name. */
  inspect?(x: tf.Tensor): NamedTensors;
  /** JSON description; `architecture` defaults to `name`. */
  config?: Record<string, unknown>;
  /** Frees what the model owns. Default: disposes every listed variable. */
  dispose?(): void;
}

const partNames = optionNames<MultiTaskModelParts>({
  name: true,
  tasks: true,
  inputName: true,
  inputShape: true,
  forward: true,
  representation: true,
  heads: true,
  headsReadInput: true,
  sharedVariables: true,
  taskVariables: true,
  stateVariables: true,
  penalty: true,
  inspect: true,
  config: true,
  dispose: true,
});

/**
 * Builds a {@link MultiTaskModel} from its parts — the one path every architecture in mtlkit takes,
 * and yours: every call is tidied, the input is read by name and checked by shape (`missing-input`,
 * `input-shape-mismatch`), `predict` applies each task kind's activation, `dispose` frees the variables.
 * Give `forward`, or `representation` and `heads` (then forward = heads ∘ representation).
 *
 * @example
 * const w = tf.variable(tf.ones([2, 1]));
 * const model = multiTaskModel({
 *   name: "linear", tasks: [{ name: "y", kind: "regression" }], inputShape: [2],
 *   forward: (x) => ({ y: tf.matMul(x as tf.Tensor2D, w) }), sharedVariables: [w], taskVariables: { y: [] },
 * });
 * model.predict({ x: tf.tensor2d([[1, 2]]) }).y; // → [[3]]
 * model.dispose();
 */
export function multiTaskModel(parts: MultiTaskModelParts): MultiTaskModel {
  checkOptions("multiTaskModel", parts, partNames);
  const forwardPart = parts.forward ?? composedForward(parts);
  const inputName = parts.inputName ?? "x";
  const read = (inputs: NamedTensors): tf.Tensor => readInput(inputs, inputName, parts.inputShape);
  const forward = (inputs: NamedTensors, options: ForwardOptions): NamedTensors =>
    tf.tidy(() => forwardPart(read(inputs), options));
  const stateVariables = parts.stateVariables ?? [];
  const model: MultiTaskModel = {
    name: parts.name,
    tasks: parts.tasks,
    inputNames: [inputName],
    forward,
    predict: (inputs) => tf.tidy(() => activateOutputs(parts.tasks, forward(inputs, { training: false }))),
    sharedVariables: parts.sharedVariables,
    taskVariables: parts.taskVariables,
    config: Object.freeze({ architecture: parts.name, ...parts.config }),
    dispose: parts.dispose ?? (() => new Set([...allVariables(parts), ...stateVariables]).forEach((v) => v.dispose())),
  };
  if (stateVariables.length > 0) model.stateVariables = stateVariables;
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

function composedForward(parts: MultiTaskModelParts): NonNullable<MultiTaskModelParts["forward"]> {
  const { representation, heads } = parts;
  if (representation === undefined || heads === undefined) {
    throw mtlError({
      code: "missing-forward",
      message: `multiTaskModel "${parts.name}" has neither forward nor both representation and heads`,
      fix: "pass forward(x, options), or representation(x, options) and heads(z, options)",
    });
  }
  return (x, options) => heads(representation(x, options), options, x);
}

function allVariables(parts: MultiTaskModelParts): tf.Variable[] {
  return [...parts.sharedVariables, ...Object.values(parts.taskVariables).flat()];
}

function representationPair(
  parts: MultiTaskModelParts,
  read: (inputs: NamedTensors) => tf.Tensor,
): Pick<MultiTaskModel, "representation" | "heads"> {
  const representation = parts.representation as NonNullable<MultiTaskModelParts["representation"]>;
  const heads = parts.heads as NonNullable<MultiTaskModelParts["heads"]>;
  let lastInput: tf.Tensor | undefined;
  return {
    representation: (inputs, options) => {
      lastInput = read(inputs);
      const x = lastInput;
      return tf.tidy(() => representation(x, options));
    },
    heads: (z, options) => {
      if (!parts.headsReadInput) return tf.tidy(() => heads(z, options));
      if (lastInput === undefined || lastInput.isDisposed || lastInput.shape[0] !== z.shape[0]) {
        throw mtlError({
          code: "heads-without-representation",
          message:
            `${parts.name}.heads got a representation of batch size ${z.shape[0]} without a live input of ` +
            `that batch from representation()`,
          fix: "call model.representation(batch) and then model.heads(z) on the same batch",
        });
      }
      const x = lastInput;
      return tf.tidy(() => heads(z, options, x));
    },
  };
}
