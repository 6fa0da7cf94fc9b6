export type {
  GradientMode,
  WeightingContext,
  SolverStatus,
  StateValue,
  WeightingState,
  WeightingBase,
  LossWeighting,
  GramianWeighting,
  JacobianWeighting,
  GradientWeights,
  JacobianCombination,
  TensorCombination,
  GradientWeighting,
  WeightingMethod,
  WeightingKind,
} from "./types";

export { aggregate } from "./aggregate";
export type { Aggregation } from "./aggregate";
export { weightedGradients } from "./weighted-gradients";
export type {
  LossesByTask,
  RepresentationLosses,
  WeightedGradientsOptions,
  WeightedGradientsResult,
} from "./step-types";
export { weighGradients } from "./weigh-gradients";
export type { WeighedGradients } from "./weigh-gradients";
export { checkWeighting } from "./dispatch";
export { lossWeights } from "./loss-weights";
export { moveStateToHost } from "./move-state-to-host";
export { toJacobian } from "./to-jacobian";
export type { Jacobian, JacobianInput } from "./to-jacobian";
export { defaultContext } from "./default-context";
export { combineRows } from "./combine-rows";

export { equal } from "./equal";
export { staticWeights } from "./static-weights";
export type { StaticWeightsOptions } from "./static-weights";
export { uncertainty } from "./uncertainty";
export type { UncertaintyOptions } from "./uncertainty";
export { dwa } from "./dwa";
export type { DwaOptions, DwaState } from "./dwa";
export { gradNorm, gradNormLoss } from "./grad-norm";
export type { GradNormOptions, GradNormState } from "./grad-norm";
export { rlw } from "./rlw";
export { gls } from "./gls";
export { famo } from "./famo";
export type { FamoOptions, FamoState } from "./famo";
export { stch } from "./stch";
export type { StchOptions, StchState } from "./stch";

export { mgda } from "./mgda";
export type { MgdaOptions } from "./mgda";
export { pcgrad } from "./pcgrad";
export type { PcgradOptions } from "./pcgrad";
export { gradVac } from "./grad-vac";
export type { GradVacOptions, GradVacState } from "./grad-vac";
export { gradDrop } from "./grad-drop";
export type { GradDropOptions } from "./grad-drop";
export { cagrad } from "./cagrad";
export type { CagradOptions } from "./cagrad";
export { imtlG } from "./imtl-g";
export { nashMtl } from "./nash-mtl";
export type { NashMtlOptions } from "./nash-mtl";
export { alignedMtl } from "./aligned-mtl";
export type { AlignedMtlOptions } from "./aligned-mtl";
export { upgrad } from "./upgrad";
export type { UpgradOptions } from "./upgrad";
export { dualProj } from "./dual-proj";
export type { DualProjOptions } from "./dual-proj";
export { dbMtl } from "./db-mtl";
export type { DbMtlOptions, DbMtlState } from "./db-mtl";
