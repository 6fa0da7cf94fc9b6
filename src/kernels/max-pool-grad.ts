import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, heapF32 } from "./wasm-ops";

/**
 * A correct `MaxPoolGrad` for `wasm`: each output gradient goes to the first position holding its
 * window's maximum, searched from −∞ (the built-in kernel starts from the smallest positive float,
 * so windows whose maximum is ≤ 0 send their gradient to the wrong place or nowhere).
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
  const target = heapF32(wasm, dx);
  target.fill(0);
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
  (pairs ? scatterToMaxima2x2 : scatterToMaxima)(heapF32(wasm, input), heapF32(wasm, dy), target, info);
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

// The common 2×2, stride-2 pooling without padding: disjoint windows, four reads per output.
function scatterToMaxima2x2(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth } = info;
  const row = inWidth * C;
  let d = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = (n * inHeight + 2 * oh) * row;
      for (let ow = 0; ow < outWidth; ow++) {
        const pixel = rowStart + 2 * ow * C;
        for (let c = 0; c < C; c++, d++) {
          const a = pixel + c;
          let at = a;
          let best = x[a] as number;
          let v = x[a + C] as number;
          if (v > best) [best, at] = [v, a + C];
          v = x[a + row] as number;
          if (v > best) [best, at] = [v, a + row];
          v = x[a + row + C] as number;
          if (v > best) at = a + row + C;
          dx[at] = dy[d] as number;
        }
      }
    }
  }
}
