// Internal plumbing shared by the wasm training kernels: calling the wasm backend's own kernels
// directly (no engine bookkeeping), freeing intermediates, and reading/writing the wasm heap.
import * as tf from "@tensorflow/tfjs-core";

/** The parts of tfjs-backend-wasm 4.22's `BackendWasm` the kernels use (it exports no type). */
export interface WasmBackend extends tf.KernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
  dataIdMap: {
    get(dataId: tf.DataId): { id: number; memoryOffset: number };
    set(dataId: tf.DataId, value: object): void;
    delete(dataId: tf.DataId): boolean;
  };
  dataIdNextNumber: number;
  wasm: {
    HEAPF32: Float32Array;
    cwrap(name: string, returnType: string | null, argTypes: string[]): (...args: unknown[]) => unknown;
    tfjs: {
      registerTensor(id: number, size: number, memoryOffset: number): void;
      disposeData(id: number): void;
    };
  };
}

/** The kernel arguments tfjs passes to every kernel function. */
export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}

const originals = new Map<string, tf.KernelFunc>();

/** Remembers the wasm backend's own kernel `name` before mtlkit replaces it. */
export function keepOriginal(name: string): void {
  if (originals.has(name)) return;
  const config = tf.getKernel(name, "wasm");
  if (config !== undefined) originals.set(name, config.kernelFunc);
}

/** Runs the wasm backend's own kernel `name` (the original when mtlkit replaced it). */
export function wasmKernel(
  name: string,
  backend: WasmBackend,
  inputs: tf.NamedTensorInfoMap,
  attrs: object = {},
): tf.TensorInfo {
  const kernelFunc = originals.get(name) ?? tf.getKernel(name, "wasm")?.kernelFunc;
  if (kernelFunc === undefined) throw new Error(`wasm backend has no kernel ${name}`);
  return kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
}

/** Frees intermediate results of {@link wasmKernel}. */
export function free(backend: WasmBackend, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** A float32 view of a tensor's memory; take it after the last allocation (the heap may grow). */
export function heapF32(backend: WasmBackend, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** Where a tensor's data starts in `backend.wasm.HEAPF32` (re-read HEAPF32 after any allocation). */
export function heapIndex(backend: WasmBackend, info: tf.TensorInfo): number {
  return backend.dataIdMap.get(info.dataId).memoryOffset >> 2;
}

/** Reshapes without copying (the wasm Reshape kernel shares the data). */
export function reshape(backend: WasmBackend, x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return wasmKernel("Reshape", backend, { x }, { shape });
}

/** Transposes with the wasm kernel. */
export function transpose(backend: WasmBackend, x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
  return wasmKernel("Transpose", backend, { x }, { perm });
}

/**
 * A tensor that aliases `length` floats of `base` starting at element `offset`, for calling
 * kernels on slices without copying. Release it with {@link freeView}, never {@link free}.
 */
export function view(backend: WasmBackend, base: tf.TensorInfo, offset: number, shape: number[]): tf.TensorInfo {
  const memoryOffset = backend.dataIdMap.get(base.dataId).memoryOffset + offset * 4;
  const id = backend.dataIdNextNumber++;
  const dataId = { id };
  backend.dataIdMap.set(dataId, { id, memoryOffset, shape, dtype: "float32", refCount: 1 });
  backend.wasm.tfjs.registerTensor(id, tf.util.sizeFromShape(shape), memoryOffset);
  return { dataId, shape, dtype: "float32" };
}

/** Unregisters a {@link view} without freeing the memory it aliases. */
export function freeView(backend: WasmBackend, info: tf.TensorInfo): void {
  backend.wasm.tfjs.disposeData(backend.dataIdMap.get(info.dataId).id);
  backend.dataIdMap.delete(info.dataId);
}

/** Throws the wasm backend's own message for NCHW data, which its convolutions do not support. */
export function assertChannelsLast(dataFormat: string, kernel: string): void {
  if (dataFormat !== "channelsLast") {
    throw new Error(`wasm backend ${kernel} does not support dataFormat:'${dataFormat}'. Please use 'channelsLast'.`);
  }
}
