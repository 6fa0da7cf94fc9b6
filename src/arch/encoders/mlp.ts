import * as tfl from "@tensorflow/tfjs-layers";
import { checkOptions, optionNames } from "../../check-options";
import { denseBlock, type HiddenActivation } from "./dense-block";
import { stackEncoder } from "./stack-encoder";
import { warnOnce } from "../../errors";
import type { Encoder } from "./types";

/** Options of {@link mlp}. */
export interface MlpOptions {
  /** Shape of one input sample; inputs of rank > 1 are flattened first. */
  inputShape: readonly number[];
  /** Units of each hidden layer. Default [64]. */
  hidden?: readonly number[];
  /** Activation of every hidden layer. Default "relu". */
  activation?: HiddenActivation;
  /** Dropout rate after each hidden layer (0 = none). Default 0. */
  dropout?: number;
  /** Batch normalisation before each hidden activation (Ioffe & Szegedy 2015). Default false. */
  batchNorm?: boolean;
  /** Seeds the initial weights. Default: the architecture's seed, else drawn from `Math.random`. */
  seed?: number;
}

const names = optionNames<MlpOptions>({
  inputShape: true,
  hidden: true,
  activation: true,
  dropout: true,
  batchNorm: true,
  seed: true,
});

/**
 * A multilayer perceptron trunk: [flatten] → (dense → [batch norm] → activation → [dropout]) per hidden layer.
 * With `activation: "linear"` it warns once ("linear-trunk"): linear layers compose to one matrix, so
 * the trunk adds no capacity (seed 003's shared `nn.Linear(784, 256)` with no nonlinearity).
 *
 * @example
 * mlp({ inputShape: [100], hidden: [16, 8] }).build(); // → [8]
 * const normalised = mlp({ inputShape: [4], hidden: [8], batchNorm: true, seed: 1 });
 * normalised.stateVariables().map((v) => v.shape); // → [[8], [8]]
 */
export function mlp(options: MlpOptions): Encoder {
  checkOptions("mlp", options, names);
  const hidden = options.hidden ?? [64];
  const activation = options.activation ?? "relu";
  if (activation === "linear") {
    warnOnce(
      "linear-trunk",
      'mlp with activation "linear": its layers compose to one linear map (W₂W₁x = Wx), so under heads ' +
        'without hidden layers the whole model is linear; use "relu" unless a linear trunk is the point',
    );
  }
  const dropout = options.dropout ?? 0;
  const batchNorm = options.batchNorm ?? false;
  const config = {
    encoder: "mlp",
    inputShape: [...options.inputShape],
    hidden: [...hidden],
    activation,
    dropout,
    batchNorm,
  };
  return stackEncoder({
    name: "mlp",
    inputShape: options.inputShape,
    makeLayers: (nextSeed) => [
      ...(options.inputShape.length > 1 ? [tfl.layers.flatten()] : []),
      ...hidden.flatMap((units) => denseBlock({ units, activation, batchNorm, dropout, nextSeed })),
    ],
    seedsInitializers: true,
    seed: options.seed,
    config,
  });
}
