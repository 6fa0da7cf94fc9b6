import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";

type Shape4 = [number, number, number, number];

/** The convolution geometry of a depthwise kernel, refusing dilated ones (tfjs has no gradient for them). */
export function depthwiseInfo(
  inputShape: number[],
  filterShape: number[],
  attrs: {
    strides: [number, number] | number;
    dilations: [number, number] | number;
    pad: tf.backend_util.PadInfo["type"] | "valid" | "same" | number | tf.backend_util.ExplicitPadding;
    dimRoundingMode?: "floor" | "round" | "ceil";
  },
  kernel: string,
): tf.backend_util.Conv2DInfo {
  const info = tf.backend_util.computeConv2DInfo(
    inputShape as Shape4,
    filterShape as Shape4,
    attrs.strides,
    attrs.dilations,
    attrs.pad as "valid",
    attrs.dimRoundingMode,
    true,
  );
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) {
    throw mtlError({
      code: "wasm-kernel-unsupported",
      message: `${kernel} on wasm expected dilations 1, found [${info.dilationHeight}, ${info.dilationWidth}]`,
      fix: "use dilations 1 when training, as tfjs's depthwise gradient requires",
    });
  }
  return info;
}
