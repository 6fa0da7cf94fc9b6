import * as tfl from "@tensorflow/tfjs-layers";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { layerStack } from "./encoders/layer-stack";
import type { Encoder } from "./encoders/types";

/** Options of {@link maskDecoder}. */
export interface MaskDecoderOptions {
  /** Filters of the 3×3 convolution after each 2× upsampling, coarse to fine. Default 8 at every stage. */
  hidden?: readonly number[];
  /** How each stage doubles the resolution: nearest-neighbour upsampling then a 3×3 convolution, or a
   * stride-2 transposed convolution (which can leave a checkerboard). Default "nearest". */
  upsample?: "nearest" | "transposed";
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
  const stack: tfl.layers.Layer[] = [];
  for (let stage = 0; stage < stages; stage++) {
    const filters = options.hidden?.[stage] ?? options.hidden?.at(-1) ?? 8;
    if (upsample === "nearest") {
      stack.push(tfl.layers.upSampling2d({ size: [2, 2], interpolation: "nearest" }));
      stack.push(tfl.layers.conv2d({ filters, kernelSize: 3, padding: "same", activation: "relu" }));
    } else {
      stack.push(
        tfl.layers.conv2dTranspose({ filters, kernelSize: 4, strides: 2, padding: "same", activation: "relu" }),
      );
    }
  }
  stack.push(tfl.layers.conv2d({ filters: 1, kernelSize: 1 }), tfl.layers.flatten());
  const config = { decoder: "mask", stages, hidden: [...(options.hidden ?? [])], upsample };
  return layerStack({ layers: stack, inputShape, name: `decoder:${task.name}`, config });
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
