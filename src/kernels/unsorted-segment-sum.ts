import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, heapF32 } from "./wasm-ops";

/**
 * `UnsortedSegmentSum` for `wasm` (the gradient of `tf.gather`, so of every embedding): one pass
 * over the rows, out[id] += x[i], ids outside [0, numSegments) dropped as in TensorFlow. Its cost
 * grows with the batch, not with the vocabulary.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("UnsortedSegmentSum", "wasm")?.kernelFunc === unsortedSegmentSum; // → true
 */
export function unsortedSegmentSum({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
  const rows = tf.util.sizeFromShape(segmentIds.shape);
  const rowShape = x.shape.slice(segmentIds.shape.length);
  const rowSize = tf.util.sizeFromShape(rowShape);
  const out = wasm.makeOutput([numSegments, ...rowShape], x.dtype);
  const target = wasm.typedArrayFromHeap(out);
  const source = x.dtype === "float32" ? heapF32(wasm, x) : wasm.typedArrayFromHeap(x);
  const ids = wasm.typedArrayFromHeap(segmentIds);
  target.fill(0);
  for (let i = 0; i < rows; i++) {
    const id = ids[i] as number;
    if (id < 0 || id >= numSegments) continue;
    const from = i * rowSize;
    const to = id * rowSize;
    for (let j = 0; j < rowSize; j++) target[to + j] += source[from + j] as number;
  }
  return out;
}
