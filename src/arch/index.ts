export type { MultiTaskModel, NamedTensors, ForwardOptions } from "./types";
export { multiTaskModel } from "./multi-task-model";
export type { MultiTaskModelParts } from "./multi-task-model";
export { convBlocks, convText, encoderFromConfig, gruText, layerStack, lenet, mlp } from "./encoders";
export type {
  BuildOptions,
  ConvBlocksOptions,
  ConvTextOptions,
  Encoder,
  GruTextOptions,
  GruTextOutput,
  HiddenActivation,
  LayerStackOptions,
  LenetOptions,
  MlpOptions,
} from "./encoders";
export { countParameters } from "./count-parameters";
export type { ParameterCounts } from "./count-parameters";
export { variableGroups } from "./variable-groups";
export type { VariableGroup } from "./variable-groups";
export { taskHead } from "./task-head";
export type { HeadOptions } from "./task-head";
export { maskDecoder } from "./mask-decoder";
export type { MaskDecoderOptions } from "./mask-decoder";
export { convMap } from "./conv-map";
export type { ConvMapOptions } from "./conv-map";
export { hardSharing } from "./hard-sharing";
export { addTask } from "./add-task";
export type { AddTaskOptions } from "./add-task";
export type { HardSharingOptions } from "./hard-sharing";
export { modelFromConfig } from "./model-from-config";
export { softSharing } from "./soft-sharing";
export type { SoftSharingOptions } from "./soft-sharing";
export type { Coupling } from "./parts/coupling-penalty";
export { crossStitch } from "./cross-stitch";
export type { CrossStitchOptions } from "./cross-stitch";
export { mmoe, omoe } from "./mmoe";
export type { MixtureOfExpertsOptions } from "./mmoe";
export { cgc } from "./cgc";
export { ple } from "./ple";
export type { ProgressiveExtractionOptions } from "./parts/progressive-extraction";
export { taskAttention } from "./task-attention";
export { textAttention } from "./text-attention";
export type { TextAttentionOptions, TextPooling } from "./text-attention";
export { sequenceMask } from "./parts/sequence-mask";
export type { SequenceMaskOptions } from "./parts/sequence-mask";
export { maskedMean } from "./parts/masked-mean";
export { maskedSoftmax } from "./parts/masked-softmax";
export type { TaskAttentionOptions } from "./task-attention";
export { cascade } from "./cascade";
export type { CascadeOptions } from "./cascade";
export { esmm } from "./esmm";
export type { EsmmOptions } from "./esmm";
export { twoTower } from "./two-tower";
export type { TwoTowerOptions } from "./two-tower";
export { checkIds } from "./parts/check-ids";
export type { ActivationName } from "./parts/activation";
export { nuclearNorm } from "./parts/nuclear-norm";
export { couplingPenalty } from "./parts/coupling-penalty";
export { productLogit } from "./parts/product-logit";
export { inspectionSnapshot } from "./inspection-snapshot";
export type { InspectionSnapshotOptions, InspectionMatrices } from "./inspection-snapshot";
export { singularValues } from "./parts/singular-values";
