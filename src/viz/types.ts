/** Loss per task, keyed by task name. */
export type TaskLosses = Readonly<Record<string, number>>;

/** Either losses keyed by task, or a record holding them under `losses` (as the trainer's history does). */
export type LossesOrRecord = TaskLosses | { readonly losses: TaskLosses };

/** One training step as the live dashboard sees it; the trainer's step records fit this shape. */
export interface StepProgress {
  /** Epoch, 0-based. */
  epoch: number;
  /** Step number, 0-based (within the epoch when `stepsPerEpoch` is given, else global). */
  step: number;
  /** This step's loss per task. */
  losses: TaskLosses;
  /** Total epochs planned, when known. */
  epochs?: number;
  /** Steps per epoch, when known. */
  stepsPerEpoch?: number;
}

/** The end of one epoch; the trainer's history epochs and `onEpochEnd` events fit this shape. */
export interface EpochLosses {
  /** Epoch, 0-based. */
  epoch: number;
  /** Total epochs planned, when known. */
  epochs?: number;
  train: LossesOrRecord;
  validation?: LossesOrRecord;
}

/** The per-task losses of either form of {@link LossesOrRecord}. */
export function lossesOf(value: LossesOrRecord | undefined): TaskLosses | undefined {
  if (value === undefined) return undefined;
  const held = (value as { losses?: unknown }).losses;
  return typeof held === "object" && held !== null ? (held as TaskLosses) : (value as TaskLosses);
}
