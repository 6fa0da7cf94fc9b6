export { registerWasmTrainingKernels } from "./register-wasm-training-kernels";
