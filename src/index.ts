// The public API of mtlkit, grouped by the folders of src/ in the order of design.md. Each folder lists its
// public names explicitly; plumbing (readers, encoders, fused-op classes, batching helpers) stays internal.
// test/docs/public-names.test.ts checks this list against the folders' index files.

// errors
export { MtlError, mtlError, warnOnce, warningCounts } from "./errors";
export type { MtlErrorFields } from "./errors";

// backend — backend choice, seeding, seeded random numbers
export {
  backendNames,
  clearSeed,
  createRng,
  getSeed,
  initBackend,
  installChainedOps,
  setSeed,
  withSeed,
} from "./backend";
export type { BackendName, BackendReport, InitBackendOptions, Rng } from "./backend";

// kernels — fused ops for training; the wasm training kernels register themselves in initBackend
export {
  fusedAdam,
  fusedDense,
  fusedGru,
  fusedGruLayer,
  registerCpuKernelFixes,
  registerWasmTrainingKernels,
} from "./kernels";
export type { FusedDenseActivation, FusedGruLayerArgs, FusedGruOptions, GruWeights } from "./kernels";

// linalg — the small T×T problems on Float64Array
export {
  gramian,
  minNormPoint,
  nashEquilibrium,
  nonNegativeQp,
  projectToDualCone,
  pseudoInverse,
  simplexQp,
  solveLinear,
  symmetricEigen,
} from "./linalg";
export type {
  MinNormOptions,
  NashOptions,
  NonNegativeQpOptions,
  SimplexQpOptions,
  SolverStatus,
  SymmetricEigen,
} from "./linalg";

// tasks — tasks as data: kinds, defaults, loss functions, checks
export {
  activateOutput,
  checkRetrieval,
  inBatchSoftmax,
  kindDefaults,
  lossFunctions,
  metricKinds,
  outputWidth,
  resolveTask,
  resolveTasks,
  singleUnitClassification,
  targetShape,
  taskKinds,
  taskLoss,
  validateOutputs,
  warnIfProbabilities,
} from "./tasks";
export type {
  KindDefaults,
  LossDefinition,
  LossName,
  MetricName,
  OutputActivation,
  ResolvedTask,
  Task,
  TaskKind,
  TaskOverrides,
  TaskSpec,
} from "./tasks";

// data — loaders, generators and the dataset / split types
export {
  augmentSplit,
  buildVocabulary,
  checkAugmentation,
  clearDataCache,
  ctrCvrFunnel,
  datasetFromArrays,
  embeddingFeatures,
  encodeTokens,
  fashionClassNames,
  gradNormToy,
  loadMnistLocalization,
  loadMovieLens100k,
  loadMultiFashion,
  loadMultiMnist,
  loadSotu,
  maskedWordTask,
  mmoeSynthetic,
  movieLensFiles,
  numberToken,
  padToken,
  pearsonCorrelation,
  sampleSplit,
  scarceLabels,
  sotuYears,
  tokenize,
  toyAverageMinimum,
  toyLossAndGradients,
  toyLosses,
  toyStarts,
  transformNames,
  unknownToken,
  validateSplit,
} from "./data";
export type {
  ArrayColumn,
  AugmentOptions,
  Column,
  CtrCvrFunnelDataset,
  CtrCvrFunnelOptions,
  Dataset,
  DatasetFromArraysOptions,
  EmbeddingFeaturesOptions,
  FunnelTruth,
  GeneratedSizes,
  GradNormToyDataset,
  GradNormToyOptions,
  MaskedWordOptions,
  MmoeSyntheticDataset,
  MmoeSyntheticOptions,
  MnistLocalizationOptions,
  MovieLensDataset,
  MovieLensFileOptions,
  MovieLensFiles,
  MovieLensOptions,
  MultiDigitOptions,
  PartyClasses,
  SampleSplitOptions,
  ScarceLabelsOptions,
  SotuDataset,
  SotuOptions,
  Split,
  ToyLandscapeOptions,
  TransformName,
  VocabularyOptions,
} from "./data";

// metrics — per-task metrics, Δm
export {
  accuracy,
  boxAccuracy,
  boxIou,
  classCounts,
  deltaM,
  factorizedTopK,
  macroF1,
  meanAbsoluteError,
  meanBoxIou,
  meanIou,
  metricDirection,
  ndcg,
  paretoGap,
  pixelAccuracy,
  positiveRanks,
  precision,
  quantileBins,
  recall,
  rmse,
  rocAuc,
  taskMetrics,
} from "./metrics";
export type {
  BoxAccuracyOptions,
  ClassCounts,
  DeltaMOptions,
  DeltaMResult,
  FactorizedTopKOptions,
  MeanIouOptions,
  MetricDirection,
  ParetoGapOptions,
  RankInputs,
  TaskScores,
} from "./metrics";

// arch — its index.ts lists the public names
export * from "./arch";

// weighting — its index.ts lists the public names
export * from "./weighting";

// io — saved models and checkpoints
export {
  checkpointFormat,
  loadCheckpoint,
  loadModel,
  loadModelWeights,
  modelTensors,
  restoreModel,
  restoreOptimizer,
  restoreVariables,
  saveCheckpoint,
  saveModel,
} from "./io";
export type { Checkpoint, CheckpointContents, NamedTensor } from "./io";

// train — its index.ts lists the public names
export * from "./train";

// viz — plots, the live dashboard, notebook output, lesson headlines, the toy-landscape trajectories
export {
  headline,
  headlineMimeType,
  heatmap,
  imageGrid,
  inNotebook,
  inspectionCurves,
  inspectionRecorder,
  interactiveHeatmap,
  interactiveLossCurves,
  liveDashboard,
  lossCurves,
  meanWithErrorBars,
  notebookOutput,
  paretoPlot,
  plotlyHtml,
  progressBar,
  renderPlot,
  showOutput,
  showPlotly,
  showSvg,
  stepCurves,
  summariseMeasurements,
  tokenAttention,
  toyTrajectory,
  trajectoryPlot,
  trajectorySurface,
} from "./viz";
export type {
  DashboardCallbacks,
  EpochLosses,
  ErrorBarOptions,
  GridImage,
  HeatmapOptions,
  ImageGridOptions,
  InspectionCurvesOptions,
  InspectionRecord,
  InspectionRecorder,
  InspectionValues,
  InteractiveHeatmapOptions,
  InteractiveLossCurvesOptions,
  LiveDashboardOptions,
  LossCurvesOptions,
  LossesOrRecord,
  Measurement,
  MimeBundle,
  NotebookOutput,
  ParetoPlotOptions,
  ParetoPoint,
  PlanePoint,
  PlotlyFigure,
  PlotlyHtmlOptions,
  ProgressBar,
  ProgressBarOptions,
  SeriesSummary,
  ShowPlotlyOptions,
  StepCurvesOptions,
  StepProgress,
  StepValues,
  TaskLosses,
  TokenAttentionOptions,
  ToyTrajectory,
  ToyTrajectoryOptions,
  Trajectory,
  TrajectoryPlotOptions,
  TrajectorySurfaceOptions,
} from "./viz";

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
} from "./distill";
