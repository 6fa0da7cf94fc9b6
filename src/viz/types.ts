/** One training step as the live dashboard sees it. */
export interface StepProgress {
  /** Epoch, 0-based. */
  epoch: number;
  /** Total epochs planned. */
  epochs: number;
  /** Step within the epoch, 0-based. */
  step: number;
  /** Steps per epoch, when known. */
  stepsPerEpoch?: number;
  /** This step's loss per task. */
  losses: Readonly<Record<string, number>>;
}

/** The end of one epoch: mean training loss per task and, when validated, validation loss per task. */
export interface EpochLosses {
  /** Epoch, 0-based. */
  epoch: number;
  train: Readonly<Record<string, number>>;
  validation?: Readonly<Record<string, number>>;
}
