import type * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, heapF32 } from "./wasm-ops";

/**
 * A correct `ResizeNearestNeighborGrad` for `wasm`: the exact adjoint of the forward resize, each
 * output gradient added to the input pixel the forward pass copied it from (the built-in 4.22
 * kernel sends gradients to the wrong pixels: 150 % relative error against `cpu` on a 5×5 → 10×10
 * upsampling). Follows the forward kernel's source-pixel rule for `alignCorners` and `halfPixelCenters`.
 *
 * @example
 * tf.registerKernel({ kernelName: "ResizeNearestNeighborGrad", backendName: "wasm",
 *   kernelFunc: resizeNearestNeighborGrad });
 */
export function resizeNearestNeighborGrad({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { images, dy } = inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
  const { alignCorners, halfPixelCenters } = (attrs ?? {}) as { alignCorners?: boolean; halfPixelCenters?: boolean };
  const [batch, inHeight, inWidth, channels] = images.shape as [number, number, number, number];
  const [, outHeight, outWidth] = dy.shape as [number, number, number, number];
  const modes = { alignCorners: alignCorners === true, halfPixelCenters: halfPixelCenters === true };
  const rows = sourceIndices(inHeight, outHeight, modes);
  const cols = sourceIndices(inWidth, outWidth, modes);
  const dx = wasm.makeOutput(images.shape, "float32");
  const target = heapF32(wasm, dx);
  scatterToSources(heapF32(wasm, dy), target, { batch, inHeight, inWidth, channels, rows, cols });
  return dx;
}

/**
 * The same adjoint for the `cpu` backend, whose 4.22 kernel indexes `dy` with the images' batch
 * stride and so gets every batch element after the first wrong.
 *
 * @example
 * tf.registerKernel({ kernelName: "ResizeNearestNeighborGrad", backendName: "cpu",
 *   kernelFunc: resizeNearestNeighborGradCpu });
 */
export function resizeNearestNeighborGradCpu({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const cpu = backend as tf.KernelBackend & {
    data: { get(id: tf.DataId): { values: Float32Array } };
    makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
  };
  const { images, dy } = inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
  const { alignCorners, halfPixelCenters } = (attrs ?? {}) as { alignCorners?: boolean; halfPixelCenters?: boolean };
  const [batch, inHeight, inWidth, channels] = images.shape as [number, number, number, number];
  const [, outHeight, outWidth] = dy.shape as [number, number, number, number];
  const modes = { alignCorners: alignCorners === true, halfPixelCenters: halfPixelCenters === true };
  const rows = sourceIndices(inHeight, outHeight, modes);
  const cols = sourceIndices(inWidth, outWidth, modes);
  const target = new Float32Array(batch * inHeight * inWidth * channels);
  scatterToSources(cpu.data.get(dy.dataId).values, target, { batch, inHeight, inWidth, channels, rows, cols });
  return cpu.makeTensorInfo(images.shape, "float32", target);
}

interface Layout {
  batch: number;
  inHeight: number;
  inWidth: number;
  channels: number;
  rows: Int32Array;
  cols: Int32Array;
}

// Adds each output pixel's gradient to the input pixel it was copied from; `target` starts at 0.
function scatterToSources(gradient: Float32Array, target: Float32Array, layout: Layout): void {
  const { batch, inHeight, inWidth, channels, rows, cols } = layout;
  const [outHeight, outWidth] = [rows.length, cols.length];
  target.fill(0);
  let d = 0;
  for (let n = 0; n < batch; n++) {
    for (let r = 0; r < outHeight; r++) {
      const rowStart = (n * inHeight + (rows[r] as number)) * inWidth;
      for (let c = 0; c < outWidth; c++) {
        const pixel = (rowStart + (cols[c] as number)) * channels;
        for (let k = 0; k < channels; k++, d++)
          target[pixel + k] = (target[pixel + k] as number) + (gradient[d] as number);
      }
    }
  }
}

// The input index the forward resize reads for each output index (tfjs's cpu ResizeNearestNeighbor rule).
function sourceIndices(
  inSize: number,
  outSize: number,
  modes: { alignCorners: boolean; halfPixelCenters: boolean },
): Int32Array {
  const corners = modes.alignCorners && outSize > 1;
  const scale = (corners ? inSize - 1 : inSize) / (corners ? outSize - 1 : outSize);
  return Int32Array.from({ length: outSize }, (_, i) => {
    const fraction = modes.halfPixelCenters ? scale * (i + 0.5) : scale * i;
    const nearest = Math.min(inSize - 1, modes.alignCorners ? Math.round(fraction) : Math.floor(fraction));
    return modes.halfPixelCenters ? Math.max(0, nearest) : nearest;
  });
}
