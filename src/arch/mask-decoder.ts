import * as tfl from "@tensorflow/tfjs-layers";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { stackEncoder } from "./encoders/stack-encoder";
import type { Encoder } from "./encoders/types";

/** Options of {@link maskDecoder}. */
export interface MaskDecoderOptions {
  /** Filters of the 3×3 convolution after each 2× upsampling, coarse to fine. Default 8 at every stage. */
  hidden?: readonly number[];
  /** How each stage doubles the resolution: nearest-neighbour upsampling then a 3×3 convolution, or a
   * stride-2 transposed convolution (which can leave a checkerboard). Default "nearest". */
  upsample?: "nearest" | "transposed";
  /** Seeds the initial weights. Default: the architecture's seed (`build({ seed })`), else drawn from `Math.random`. */
  seed?: number;
}

/**
 * A small segmentation decoder for a mask task: from a trunk's feature map [h, w, c], k stages of
 * (2× upsampling → 3×3 conv → relu) up to the mask's H × W = h·2^k, then a 1×1 conv to one logit per
 * pixel, flattened to [H·W] (the FCN idea of Long et al. 2015, without skip connections). The mask
 * must be square, H = √size.
 *
 * @example
 * maskDecoder({ name: "mask", kind: "mask", size: 28 * 28 }, [7, 7, 16]).build(); // [784]
 */
export function maskDecoder(task: TaskSpec, inputShape: readonly number[], options: MaskDecoderOptions = {}): Encoder {
  const stages = checkStages(task, inputShape);
  const upsample = options.upsample ?? "nearest";
  // Every initialiser seeded from the decoder's seed (tfjs-layers' default Glorot uniform), as in the ready
  // encoders: one model seed fixes the decoder too.
  const makeLayers = (nextSeed: () => number): tfl.layers.Layer[] => {
    const kernelInitializer = () => tfl.initializers.glorotUniform({ seed: nextSeed() });
    const stack: tfl.layers.Layer[] = [];
    for (let stage = 0; stage < stages; stage++) {
      const filters = options.hidden?.[stage] ?? options.hidden?.at(-1) ?? 8;
      const convolution = {
        filters,
        padding: "same",
        activation: "relu",
        kernelInitializer: kernelInitializer(),
      } as const;
      if (upsample === "nearest") {
        stack.push(tfl.layers.upSampling2d({ size: [2, 2], interpolation: "nearest" }));
        stack.push(tfl.layers.conv2d({ ...convolution, kernelSize: 3 }));
      } else {
        stack.push(tfl.layers.conv2dTranspose({ ...convolution, kernelSize: 4, strides: 2 }));
      }
    }
    stack.push(tfl.layers.conv2d({ filters: 1, kernelSize: 1, kernelInitializer: kernelInitializer() }));
    return [...stack, tfl.layers.flatten()];
  };
  const config = { decoder: "mask", stages, hidden: [...(options.hidden ?? [])], upsample };
  return stackEncoder({
    name: `decoder:${task.name}`,
    inputShape,
    makeLayers,
    seedsInitializers: true,
    seed: options.seed,
    config,
  });
}

// The number of 2× stages from the feature map's side to the mask's; refuses what cannot get there.
function checkStages(task: TaskSpec, inputShape: readonly number[]): number {
  const side = Math.round(Math.sqrt(task.size ?? 0));
  const [height, width] = inputShape as [number, number];
  const stages = Math.log2(side / (height ?? 1));
  if (
    inputShape.length !== 3 ||
    height !== width ||
    side * side !== task.size ||
    !Number.isInteger(stages) ||
    stages < 0
  ) {
    throw mtlError({
      code: "bad-decoder-input",
      message:
        `task "${task.name}" has a ${side}×${side} mask (size ${String(task.size)}) ` +
        `but its decoder reads a feature map of shape [${inputShape.join(", ")}]`,
      fix:
        "give the mask task a trunk that keeps a square map (no flatten/dense at its end) " +
        "whose side times a power of 2 is the mask's side",
    });
  }
  return stages;
}
