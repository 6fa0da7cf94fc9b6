// Small dense linear algebra on Float64Array for T×T problems (T tasks): no external solver.
export { gramian } from "./gramian";
export { symmetricEigen } from "./symmetric-eigen";
export type { SymmetricEigen } from "./symmetric-eigen";
export { solveLinear } from "./solve-linear";
export { pseudoInverse } from "./pseudo-inverse";
export { minNormPoint } from "./min-norm-point";
export type { MinNormOptions } from "./min-norm-point";
export { simplexQp } from "./simplex-qp";
export type { SimplexQpOptions } from "./simplex-qp";
export { nonNegativeQp } from "./non-negative-qp";
export type { NonNegativeQpOptions } from "./non-negative-qp";
export { projectToDualCone } from "./project-to-dual-cone";
export { nashEquilibrium } from "./nash-equilibrium";
export type { NashOptions } from "./nash-equilibrium";
export type { SolverStatus } from "./solver-status";
