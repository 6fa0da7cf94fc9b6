import * as tfl from "@tensorflow/tfjs-layers";
import { checkOptions, optionNames } from "../check-options";
import { outputWidth } from "../tasks/output-shape";
import type { TaskSpec } from "../tasks/types";
import { denseBlock, type HiddenActivation } from "./encoders/dense-block";
import { stackEncoder } from "./encoders/stack-encoder";
import type { Encoder } from "./encoders/types";
import { maskDecoder } from "./mask-decoder";

/** Options of a task head (tower): hidden layers before the task's output layer. */
export interface HeadOptions {
  /** Units of each hidden layer. Default [] (a single linear output layer). */
  hidden?: readonly number[];
  /** Activation of the hidden layers. Default "relu". */
  activation?: HiddenActivation;
  /** Dropout after each hidden layer (0 = none). Default 0. */
  dropout?: number;
  /** Batch normalisation before each hidden activation (not on the output layer). Default false. */
  batchNorm?: boolean;
  /** Seeds the initial weights. Default: the architecture's seed, else drawn from `Math.random`. */
  seed?: number;
}

const names = optionNames<HeadOptions>({ hidden: true, activation: true, dropout: true, batchNorm: true, seed: true });

/**
 * One task's head: (dense → [batch norm] → activation → [dropout]) per hidden layer, then a linear
 * dense layer with the task's output width (class count, 1, 4, or size); outputs are raw scores (logits). A mask
 * task gets a {@link maskDecoder} instead (its `hidden` are the decoder's filters per stage).
 *
 * @example
 * taskHead({ name: "left", kind: "classification", classes: 10 }, [50], { hidden: [50] }).build(); // → [10]
 */
export function taskHead(task: TaskSpec, inputShape: readonly number[], options: HeadOptions = {}): Encoder {
  checkOptions(`taskHead (task "${task.name}")`, options, names);
  if (task.kind === "mask") return maskDecoder(task, inputShape, { hidden: options.hidden, seed: options.seed });
  const hidden = options.hidden ?? [];
  const activation = options.activation ?? "relu";
  const dropout = options.dropout ?? 0;
  const batchNorm = options.batchNorm ?? false;
  const makeLayers = (nextSeed: () => number): tfl.layers.Layer[] => [
    ...(inputShape.length > 1 ? [tfl.layers.flatten()] : []),
    ...hidden.flatMap((units) => denseBlock({ units, activation, batchNorm, dropout, nextSeed })),
    tfl.layers.dense({
      units: outputWidth(task),
      kernelInitializer: tfl.initializers.glorotNormal({ seed: nextSeed() }),
    }),
  ];
  const config = { hidden: [...hidden], activation, dropout, batchNorm };
  return stackEncoder({
    name: `head:${task.name}`,
    inputShape,
    makeLayers,
    seedsInitializers: true,
    seed: options.seed,
    config,
  });
}
