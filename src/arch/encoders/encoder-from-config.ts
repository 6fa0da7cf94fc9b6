import { knownNames, mtlError } from "../../errors";
import { convMap, type ConvMapOptions } from "../conv-map";
import { convBlocks, type ConvBlocksOptions } from "./conv-blocks";
import { convText, type ConvTextOptions } from "./conv-text";
import { gruText, type GruTextOptions } from "./gru-text";
import { lenet, type LenetOptions } from "./lenet";
import { mlp, type MlpOptions } from "./mlp";
import type { Encoder } from "./types";

const factories: Record<string, (options: never) => Encoder> = { mlp, lenet, convBlocks, gruText, convText, convMap };

/**
 * Rebuilds a ready encoder (mlp, lenet, convBlocks, gruText, convText, convMap) from its `config`, e.g. one read
 * from a checkpoint's description; a custom `layerStack` cannot be rebuilt from JSON (`cannot-rebuild`). A mask
 * task's decoder needs no entry: its head is rebuilt from the task and the head options.
 *
 * @example
 * encoderFromConfig(mlp({ inputShape: [4], hidden: [8] }).config).build(); // [8]
 */
export function encoderFromConfig(config: Readonly<Record<string, unknown>>): Encoder {
  const name = String(config.encoder);
  const factory = factories[name];
  if (factory === undefined) {
    throw mtlError({
      code: "cannot-rebuild",
      message: `encoder "${name}" cannot be rebuilt from its JSON description`,
      fix:
        `rebuild it in code and load the weights with loadModelWeights, or use one of ` +
        `${knownNames(Object.keys(factories))}`,
    });
  }
  const { encoder: _encoder, ...options } = config;
  return (
    factory as (
      options: MlpOptions | LenetOptions | ConvBlocksOptions | GruTextOptions | ConvTextOptions | ConvMapOptions,
    ) => Encoder
  )(options as never);
}
