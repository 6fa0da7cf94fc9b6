import * as tf from "@tensorflow/tfjs-core";
import { type KernelArgs, type WasmBackend, wasmKernel } from "./wasm-ops";

/**
 * `Slice` for `wasm` that copies rows straight from the input's heap memory. The built-in kernel
 * first copies the WHOLE input out of the heap (`readSync`) for every slice, so `split`, `unstack`
 * and the gradient of `concat` into k parts cost k full copies of the input.
 *
 * @example
 * registerWasmTrainingKernels(); // mtlkit registers it for wasm (initBackend does this)
 * tf.getKernel("Slice", "wasm")?.kernelFunc === slice; // → true
 */
export function slice({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { x } = inputs as { x: tf.TensorInfo };
  if (x.dtype === "string") return wasmKernel("Slice", wasm, inputs, attrs);
  const { begin, size } = attrs as unknown as tf.SliceAttrs;
  const [start, extent] = tf.slice_util.parseSliceParams(x as tf.TensorInfo & { rank: number } as never, begin, size);
  const out = wasm.makeOutput(extent, x.dtype);
  if (tf.util.sizeFromShape(extent) === 0) return out;
  copyBlock(wasm.typedArrayFromHeap(x), x.shape, start, extent, wasm.typedArrayFromHeap(out));
  return out;
}

type Values = Float32Array | Int32Array | Uint8Array;

// Collapses the trailing axes the slice takes whole, then copies one contiguous run per leading index.
function copyBlock(
  from: Values,
  shape: readonly number[],
  start: readonly number[],
  extent: readonly number[],
  to: Values,
): void {
  let inner = shape.length - 1;
  while (inner > 0 && start[inner] === 0 && extent[inner] === shape[inner]) inner--;
  const strides = tf.util.computeStrides(shape as number[]);
  const stride = (axis: number) => (axis === shape.length - 1 ? 1 : (strides[axis] as number));
  const run = (extent[inner] as number) * stride(inner);
  const outer = extent.slice(0, inner);
  const count = tf.util.sizeFromShape(outer);
  const index = new Array<number>(inner).fill(0);
  for (let k = 0; k < count; k++) {
    let offset = (start[inner] as number) * stride(inner);
    for (let axis = 0; axis < inner; axis++)
      offset += ((start[axis] as number) + (index[axis] as number)) * stride(axis);
    to.set(from.subarray(offset, offset + run), k * run);
    for (let axis = inner - 1; axis >= 0 && ++(index[axis] as number) === outer[axis]; axis--) index[axis] = 0;
  }
}
