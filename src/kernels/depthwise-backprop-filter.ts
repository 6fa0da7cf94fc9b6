import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, heapF32 } from "./wasm-ops";
import { depthwiseInfo } from "./depthwise-info";

/**
 * `DepthwiseConv2dNativeBackpropFilter` for `wasm`, a direct loop over the wasm heap accumulating
 * in float64: dW[kh,kw,c,q] = Σ_{n,oh,ow} x[n, s·oh+kh−top, s·ow+kw−left, c] · dy[n,oh,ow,c·m+q].
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("DepthwiseConv2dNativeBackpropFilter", "wasm")?.kernelFunc === depthwiseBackpropFilter; // → true
 */
export function depthwiseBackpropFilter({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const typed = attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  const info = depthwiseInfo(x.shape, typed.filterShape, typed, "DepthwiseConv2dNativeBackpropFilter");
  const out = wasm.makeOutput(typed.filterShape, "float32");
  heapF32(wasm, out).set(accumulate(heapF32(wasm, x), heapF32(wasm, dy), info));
  return out;
}

function accumulate(x: Float32Array, dy: Float32Array, info: tf.backend_util.Conv2DInfo): Float64Array {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const multiplier = outChannels / channels;
  const sums = new Float64Array(filterHeight * filterWidth * outChannels);
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyBase = ((n * outHeight + oh) * outWidth + ow) * outChannels;
        for (let kh = 0; kh < filterHeight; kh++) {
          const h = oh * strideHeight - info.padInfo.top + kh;
          if (h < 0 || h >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const w = ow * strideWidth - info.padInfo.left + kw;
            if (w < 0 || w >= inWidth) continue;
            const xBase = ((n * inHeight + h) * inWidth + w) * channels;
            const sumBase = (kh * filterWidth + kw) * outChannels;
            for (let c = 0; c < channels; c++) {
              const value = x[xBase + c] as number;
              for (let q = 0; q < multiplier; q++) {
                const k = c * multiplier + q;
                sums[sumBase + k] += value * (dy[dyBase + k] as number);
              }
            }
          }
        }
      }
    }
  }
  return sums;
}
