export { initBackend, backendNames } from "./init-backend";
export type { BackendName, BackendReport, InitBackendOptions } from "./init-backend";
export { setSeed, getSeed, clearSeed, withSeed } from "./seed";
export { createRng } from "./random";
export type { Rng } from "./random";
export { installChainedOps } from "./chained-ops";
