export { train } from "./train";
export { singleTask } from "./single-task";
export type { SingleTaskSetup, SingleTaskResult } from "./single-task";
export { evaluate } from "./evaluate";
export { checkHeldOut } from "./check-held-out";
export { warnIfProbabilityFeatures } from "./warn-if-probability-features";
export type { EvaluateOptions } from "./evaluate";
export { finalScores } from "./final-scores";
export type {
  TrainOptions,
  OptimizerSpec,
  EarlyStoppingOptions,
  CheckpointOptions,
  StepRecord,
  EpochRecord,
  EpochEvent,
  Evaluation,
  History,
  TaskValues,
  LearningRateSchedule,
} from "./types";
export { linearDecay } from "./linear-decay";
export type { LinearDecayOptions } from "./linear-decay";
export { setLearningRate } from "./set-learning-rate";
export { createOptimizer } from "./create-optimizer";
export { clipByGlobalNorm } from "./clip-by-global-norm";
export { weightPenalty } from "./weight-penalty";
export type { Batch } from "./make-batch";
export { resources } from "./resources";
export type { Resources } from "./resources";
export { compareToSingleTask } from "./compare-to-single-task";
export type { ComparisonSetup, ComparisonOptions, SingleTaskComparison } from "./compare-to-single-task";
export { forgettingMonitor } from "./forgetting-monitor";
export type { ForgettingMonitor } from "./forgetting-monitor";
