import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, heapF32 } from "./wasm-ops";
import { runNative, workRanges } from "./native-threads";

/**
 * A correct `MaxPoolGrad` for `wasm`: each output gradient goes to the first position holding its
 * window's maximum, searched from −∞ (the built-in kernel starts from the smallest positive float,
 * so windows whose maximum is ≤ 0 send their gradient to the wrong place or nowhere). The common 2×2,
 * stride-2 unpadded pool runs in mtlkit's native SIMD kernel (native/pooling.ts).
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("MaxPoolGrad", "wasm")?.kernelFunc === maxPoolGrad; // → true
 */
export function maxPoolGrad({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const dx = wasm.makeOutput(input.shape, "float32");
  const pairs =
    info.filterHeight === 2 &&
    info.filterWidth === 2 &&
    info.strideHeight === 2 &&
    info.strideWidth === 2 &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    2 * info.outHeight <= info.inHeight &&
    2 * info.outWidth <= info.inWidth;
  if (pairs) {
    const at = (t: tf.TensorInfo) => wasm.dataIdMap.get(t.dataId).memoryOffset;
    const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
    // Images split between threads (each image's windows are its own) when there are enough of them to copy.
    const image = inHeight * inWidth * inChannels;
    const outImage = outHeight * outWidth * inChannels;
    const ranges = workRanges(wasm, batchSize, batchSize * image, { minimumWork: 2 ** 18 });
    runNative(
      wasm,
      "maxPoolGrad2x2",
      ranges.map(([begin, end]) => [
        at(input) + 4 * begin * image,
        at(dy) + 4 * begin * outImage,
        at(dx) + 4 * begin * image,
        end - begin,
        inHeight,
        inWidth,
        inChannels,
        outHeight,
        outWidth,
      ]),
    );
    return dx;
  }
  const target = heapF32(wasm, dx);
  target.fill(0);
  scatterToMaxima(heapF32(wasm, input), heapF32(wasm, dy), target, info);
  return dx;
}

// Channels innermost: each window row is read as contiguous runs of `channels` values.
function scatterToMaxima(x: Float32Array, dy: Float32Array, dx: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const rowStride = inWidth * channels;
  const best = new Float64Array(channels);
  const at = new Int32Array(channels);
  let dyIndex = 0;
  for (let n = 0; n < batchSize; n++) {
    const image = n * inHeight * rowStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * info.strideHeight - info.padInfo.top;
      const hStart = Math.max(h0, 0);
      const hEnd = Math.min(h0 + info.effectiveFilterHeight, inHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * info.strideWidth - info.padInfo.left;
        const wStart = Math.max(w0, 0);
        const wEnd = Math.min(w0 + info.effectiveFilterWidth, inWidth);
        best.fill(-Infinity);
        at.fill(-1);
        for (let h = hStart; h < hEnd; h++) {
          for (let w = wStart; w < wEnd; w++) {
            const pixel = image + h * rowStride + w * channels;
            for (let c = 0; c < channels; c++) {
              const value = x[pixel + c] as number;
              if (value > (best[c] as number)) {
                best[c] = value;
                at[c] = pixel + c;
              }
            }
          }
        }
        for (let c = 0; c < channels; c++, dyIndex++) {
          const target = at[c] as number;
          if (target >= 0) dx[target] = (dx[target] as number) + (dy[dyIndex] as number);
        }
      }
    }
  }
}
