import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend } from "./wasm-ops";

/**
 * `GatherV2` for `wasm` that copies whole slices (an embedding lookup copies one row per token)
 * instead of the built-in kernel's element-by-element strided loop, ≈30× faster for embeddings;
 * out-of-range indices throw the built-in kernel's error.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("GatherV2", "wasm")?.kernelFunc === gatherV2; // → true
 */
export function gatherV2({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { x, indices } = inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
  const { axis, batchDims } = attrs as unknown as tf.GatherV2Attrs;
  const parsedAxis = tf.util.parseAxisParam(axis, x.shape)[0] as number;
  const info = tf.backend_util.segment_util.collectGatherOpShapeInfo(
    x as tf.TensorInfo & { rank: number } as never,
    indices as never,
    parsedAxis,
    batchDims,
  );
  const ids = wasm.typedArrayFromHeap(indices);
  const dimSize = x.shape[parsedAxis] as number;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    tf.util.assert(id >= 0 && id <= dimSize - 1, () => `GatherV2: the index value ${id} is not in [0, ${dimSize - 1}]`);
  }
  const out = wasm.makeOutput(info.outputShape, x.dtype);
  if (tf.util.sizeFromShape(x.shape) === 0) return out;
  copySlices(wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(indices), wasm.typedArrayFromHeap(out), info);
  return out;
}

type ShapeInfo = { batchSize: number; outerSize: number; dimSize: number; sliceSize: number };

// out[b, o, i, :] = x[b, o, ids[b, i], :]
function copySlices(
  x: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> },
  ids: ArrayLike<number>,
  out: { set(values: ArrayLike<number>, offset: number): void },
  { batchSize, outerSize, dimSize, sliceSize }: ShapeInfo,
): void {
  const perBatch = ids.length / batchSize;
  let to = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let o = 0; o < outerSize; o++) {
      const base = (b * outerSize + o) * dimSize;
      for (let i = 0; i < perBatch; i++) {
        const from = (base + (ids[b * perBatch + i] as number)) * sliceSize;
        out.set(x.subarray(from, from + sliceSize), to);
        to += sliceSize;
      }
    }
  }
}
