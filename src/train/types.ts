import type { ParameterCounts } from "../arch/count-parameters";
import type { Split } from "../data/types";
import type { TaskOverrides } from "../tasks/resolve-tasks";
import type { GradientMode, SolverStatus, WeightingMethod } from "../weighting/types";

/** A tfjs optimizer by name, so checkpoints can rebuild it. */
export interface OptimizerSpec {
  /** Default "adam". "adagrad" is Duchi et al. 2011 with Keras's initial accumulator 0.1 (TFRS's optimizer). */
  type?: "adam" | "sgd" | "momentum" | "rmsprop" | "adagrad";
  /** Default 1e-3. */
  learningRate?: number;
  /** Momentum for "momentum" and "rmsprop". Default 0.9 / 0. */
  momentum?: number;
  beta1?: number;
  beta2?: number;
  /** Adagrad's initial accumulator value. Default 0.1 (Keras and tfjs). */
  initialAccumulator?: number;
  epsilon?: number;
}

/** Stop when a monitored value has not improved for `patience` epochs. */
export interface EarlyStoppingOptions {
  /** "loss" (the weighted validation loss), or "task.metric", e.g. "left.accuracy". Default "loss". */
  monitor?: string;
  /** Epochs without improvement before stopping. Default 5. */
  patience?: number;
  /** Smallest change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Put back the weights of the best epoch at the end. Default true. */
  restoreBest?: boolean;
}

/** Where and how often the trainer writes checkpoints, and whether it resumes from one. */
export interface CheckpointOptions {
  dir: string;
  /** Save every `every` epochs (and after the last). Default 1. */
  every?: number;
  /** Continue from the checkpoint in `dir` when one exists. Default false. */
  resume?: boolean;
}

/** Per-task losses, task weights and metrics, one record per value. */
export type TaskValues = Record<string, number>;

/** One optimizer step, as stored in the history and passed to `onStep`. */
export interface StepRecord {
  step: number;
  epoch: number;
  /** Per-task training loss on this batch (masked mean). */
  losses: TaskValues;
  /** Σ_t w_t L_t with this step's weights. */
  total: number;
  /** The task weights the weighting method used this step. */
  weights: TaskValues;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Gradient methods: the solver's status. */
  solver?: SolverStatus;
  /** Gradient methods: cosine similarity of each task pair's gradients, keyed "a|b". */
  cosines?: TaskValues;
}

/** Losses and metrics of a model on one split. */
export interface Evaluation {
  losses: TaskValues;
  /** Σ_t weight_t · L_t with the tasks' static weights. */
  total: number;
  metrics: Record<string, TaskValues>;
}

/** One epoch, as stored in the history and passed to `onEpochEnd`. */
export interface EpochRecord {
  epoch: number;
  /** Means over the epoch's steps. */
  train: { losses: TaskValues; total: number; weights: TaskValues };
  validation?: Evaluation;
}

/** The record of a training run: plain JSON (timings kept apart so equal seeds give equal histories). */
export interface History {
  model: string;
  weighting: string;
  gradientMode?: GradientMode;
  seed: number;
  tasks: string[];
  parameters: ParameterCounts;
  steps: StepRecord[];
  epochs: EpochRecord[];
  /** Why training ended. */
  stopped: { reason: "epochs" | "earlyStopping"; epoch: number };
  /** The best epoch by the early-stopping monitor, when early stopping is on. */
  best?: { epoch: number; monitor: string; value: number };
  /** Evaluation after training (best weights restored): on the validation and test splits. */
  final: { validation?: Evaluation; test?: Evaluation };
  /** Wall-clock seconds: the resource metric "training time". */
  timing: { backend: string; seconds: number; epochSeconds: number[] };
}

/** What `onEpochEnd` receives: the epoch's record plus progress. */
export interface EpochEvent extends EpochRecord {
  epochs: number;
  seconds: number;
}

/**
 * A learning-rate schedule: the factor (usually in [0, 1]) that multiplies every group's learning
 * rate at a step, given the step (from 0) and the run's total number of steps.
 */
export type LearningRateSchedule = (step: number, totalSteps: number) => number;

/** Options of `train`. */
export interface TrainOptions {
  /** Default 10. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Fixes data order, dropout and stochastic weighting. Default 0. */
  seed?: number;
  optimizer?: OptimizerSpec;
  /** Learning rate per variable group: "shared", a task name, or "weighting"; others use the optimizer's. */
  learningRates?: Readonly<Record<string, number>>;
  /**
   * Variable groups left untouched: "shared", task names, or "weighting". Their variables stay
   * bit-identical, get no optimizer (no state, no update) and, with loss-based weighting, no
   * gradient. Transfer with a frozen pretrained trunk is `freeze: ["shared"]`.
   */
  freeze?: readonly string[];
  /** Multiplies every group's learning rate at each step, e.g. `linearDecay()`. Default: constant rates. */
  learningRateSchedule?: LearningRateSchedule;
  /**
   * Default: the weighting module's `equal()` (w_t = 1/T), or `staticWeights` with the tasks' own
   * weights when any task sets `weight` (task weights are read by the default only).
   */
  weighting?: WeightingMethod;
  /** Where gradient methods take task gradients. Default "param" when the method supports it. */
  gradientMode?: GradientMode;
  /** Per-task loss, weight and metrics overrides. */
  tasks?: TaskOverrides;
  /** Clip the global gradient norm to this value. */
  clipNorm?: number;
  /** L1 and L2 penalties on every kernel (variables of rank ≥ 2): l1·Σ|w| + l2·Σw². */
  l1?: number;
  l2?: number;
  /** Validation split; default the dataset's validation split; false for none. */
  validation?: Split | false;
  /** Test split evaluated once at the end; default the dataset's test split; false for none. */
  test?: Split | false;
  earlyStopping?: EarlyStoppingOptions;
  checkpoint?: CheckpointOptions;
  /** Keep every step in the history. Default true. */
  recordSteps?: boolean;
  onStep?: (record: StepRecord) => void | Promise<void>;
  onEpochEnd?: (event: EpochEvent) => void | Promise<void>;
  /** Called once when training ends, after the final evaluation — e.g. a live dashboard's last redraw. */
  onTrainEnd?: () => void | Promise<void>;
}
