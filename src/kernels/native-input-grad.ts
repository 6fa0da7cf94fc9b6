import type * as tf from "@tensorflow/tfjs-core";
import { type WasmBackend, free } from "./wasm-ops";
import { nativeKernels } from "./native";
import { runNative, workRanges } from "./native-threads";

/**
 * The input gradient of an NHWC convolution in mtlkit's native SIMD kernel (native/convolution.ts): each
 * output position adds dy · Wᵀ onto the input patch it read, one contiguous run of kw·ci values per filter
 * row, so no multiplication involves padding and no im2col columns are stored. With padding the runs land
 * in a zero-bordered grid that is cropped to the input. Needs filterWidth · inChannels ≥ 4.
 */
export function nativeInputGrad(
  backend: WasmBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  // The grid every window fits in, in padded coordinates (input pixel (ih, iw) is at (ih + top, iw + left)).
  const height = Math.max(top + inHeight, (outHeight - 1) * strideHeight + filterHeight);
  const width = Math.max(left + inWidth, (outWidth - 1) * strideWidth + filterWidth);
  const direct = top === 0 && left === 0 && height === inHeight && width === inWidth;
  const vectors = Math.ceil((filterWidth * inChannels) / 4);
  const packed = backend.makeOutput([filterHeight * vectors * outChannels * 4], "float32");
  const grid = backend.makeOutput(direct ? info.inShape : [batchSize, height, width, inChannels], "float32");
  const at = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset;
  const kernels = nativeKernels(backend);
  kernels.packInputGradientFilter(at(filter), at(packed), filterHeight, filterWidth, inChannels, outChannels);
  // Images split between threads (each image's dx is its own), when the product is worth a wake-up.
  const work = batchSize * outHeight * outWidth * filterHeight * filterWidth * inChannels * outChannels;
  const ranges = workRanges(backend, batchSize, work);
  const gridImage = height * width * inChannels * 4;
  const dyImage = outHeight * outWidth * outChannels * 4;
  runNative(
    backend,
    "conv2dInputGradient",
    ranges.map(([begin, end]) => [
      at(dy) + begin * dyImage,
      at(packed),
      at(grid) + begin * gridImage,
      end - begin,
      height,
      width,
      inChannels,
      outHeight,
      outWidth,
      outChannels,
      filterHeight,
      filterWidth,
      strideHeight,
      strideWidth,
    ]),
  );
  free(backend, packed);
  if (direct) return grid;
  const dx = backend.makeOutput(info.inShape, "float32");
  kernels.cropRows(at(grid), at(dx), batchSize, height, width, inChannels, top, left, inHeight, inWidth);
  free(backend, grid);
  return dx;
}
