export { registerWasmTrainingKernels } from "./register-wasm-training-kernels";
export { registerCpuKernelFixes } from "./register-cpu-kernel-fixes";
export { fusedGru, type GruWeights, type FusedGruOptions } from "./fused-gru";
export { fusedGruLayer, type FusedGruLayerArgs } from "./fused-gru-layer";
export { fusedAdam } from "./fused-adam";
export { fusedDense, type FusedDenseActivation } from "./fused-dense";
