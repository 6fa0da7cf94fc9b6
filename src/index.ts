// The public API of mtlkit, grouped by the folders of src/ (see design.md).

// errors
export { MtlError, mtlError, warnOnce, warningCounts } from "./errors";
export type { MtlErrorFields } from "./errors";

// backend
export * from "./backend";

// kernels
export * from "./kernels";

// tasks
export * from "./tasks";

// arch
export * from "./arch";

// data
export * from "./data";

// linalg
export * from "./linalg";

// weighting
export * from "./weighting";

// train
export * from "./train";

// metrics
export * from "./metrics";

// io
export * from "./io";

// viz
export * from "./viz";

// distill
export {
  distillationLoss,
  binaryDistillationLoss,
  regressionDistillationLoss,
  hintLoss,
  softmaxKlPerSample,
  sigmoidKlPerSample,
  teacherAnnealing,
  teacherOutputs,
  distillationTaskLoss,
  distillationData,
  averageFusion,
  majorityVote,
  featureFusion,
  stackingFusion,
  forgettingMonitor,
  unlabelledTasks,
  stackSplits,
  teacherHints,
} from "./distill";
export type {
  DistillationOptions,
  TeacherAnnealing,
  TeacherOutputs,
  DistillationTaskLossOptions,
  DistillationDataOptions,
  FusionOptions,
  ForgettingMonitor,
} from "./distill";
