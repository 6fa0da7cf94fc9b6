import * as tf from "@tensorflow/tfjs-core";
import { explicitSamePadding } from "./explicit-same-padding";
import { runNative, workRanges } from "./native-threads";
import { paddedInput } from "./padded-input";
import type { KernelArgs, WasmBackend } from "./wasm-ops";

const xnnpackConv2d = explicitSamePadding("Conv2D", false);

/**
 * `Conv2D` for `wasm`: NHWC convolutions with at least 4 output columns and 8 output channels (and no
 * dilation) run in mtlkit's native SIMD kernel (native/conv-forward.ts), which reads each filter row's taps
 * as one contiguous run of x, on the zero-padded x; the rest go to XNNPACK with TensorFlow's "same" padding
 * ({@link explicitSamePadding}). On the threaded build the images are split between threads.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("Conv2D", "wasm")?.kernelFunc === conv2d; // → true
 */
export function conv2d(args: KernelArgs): tf.TensorInfo {
  const wasm = args.backend as WasmBackend;
  const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = args.attrs as unknown as tf.Conv2DAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    dilations ?? 1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  const native =
    info.dataFormat === "channelsLast" &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    info.outWidth >= 4 &&
    info.outChannels >= 8 &&
    x.dtype === "float32" &&
    filter.dtype === "float32";
  if (!native) return xnnpackConv2d(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
  const { input, height, width, release } = paddedInput(wasm, x, info);
  const y = wasm.makeOutput(info.outShape, "float32");
  const at = (t: tf.TensorInfo) => wasm.dataIdMap.get(t.dataId).memoryOffset;
  const work = tf.util.sizeFromShape(info.outShape) * info.filterHeight * info.filterWidth * info.inChannels;
  const ranges = workRanges(wasm, info.batchSize, work);
  runNative(
    wasm,
    "conv2dForward",
    ranges.map(([begin, end]) => [
      at(input),
      at(filter),
      at(y),
      height,
      width,
      info.inChannels,
      info.outHeight,
      info.outWidth,
      info.outChannels,
      info.filterHeight,
      info.filterWidth,
      info.strideHeight,
      info.strideWidth,
      begin,
      end,
    ]),
  );
  release();
  return y;
}
