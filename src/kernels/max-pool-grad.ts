import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, heapF32 } from "./wasm-ops";

/**
 * A correct `MaxPoolGrad` for `wasm`: each output gradient goes to the first position holding its
 * window's maximum, searched from −∞ (the built-in kernel starts from the smallest positive float,
 * so windows whose maximum is ≤ 0 send their gradient to the wrong place or nowhere).
 *
 * @example
 * tf.registerKernel({ kernelName: "MaxPoolGrad", backendName: "wasm", kernelFunc: maxPoolGrad });
 */
export function maxPoolGrad({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
  );
  const dx = wasm.makeOutput(input.shape, "float32");
  const target = heapF32(wasm, dx);
  target.fill(0);
  scatterToMaxima(heapF32(wasm, input), heapF32(wasm, dy), target, info);
  return dx;
}

function scatterToMaxima(x: Float32Array, dy: Float32Array, dx: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const rowStride = inWidth * channels;
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
        for (let c = 0; c < channels; c++, dyIndex++) {
          let best = -Infinity;
          let at = -1;
          for (let h = hStart; h < hEnd; h++) {
            const row = image + h * rowStride + c;
            for (let w = wStart; w < wEnd; w++) {
              const value = x[row + w * channels] as number;
              if (value > best) {
                best = value;
                at = row + w * channels;
              }
            }
          }
          if (at >= 0) dx[at] += dy[dyIndex] as number;
        }
      }
    }
  }
}
