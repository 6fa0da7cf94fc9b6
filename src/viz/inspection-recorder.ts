import { inspectionSnapshot, type InspectionMatrices, type InspectionSnapshotOptions } from "../arch/inspection-snapshot";
import type { MultiTaskModel, NamedTensors } from "../arch/types";

/** A model's inspected internals after one epoch (epoch −1: before training). */
export interface InspectionRecord {
  epoch: number;
  values: InspectionMatrices;
}

/** What {@link inspectionRecorder} returns: a callback for the trainer and the records it fills. */
export interface InspectionRecorder {
  /** Pass as (or call from) `train()`'s `onEpochEnd`; records the internals after each epoch. */
  onEpochEnd(event: { epoch: number }): void;
  /** One record per call, in order; the first is taken when the recorder is created. */
  readonly records: InspectionRecord[];
}

/**
 * Records a model's internals — cross-stitch coefficients, gate weights, attention masks, soft
 * sharing's tower distances — once before training and after every epoch, on a fixed probe batch,
 * as plain matrices (see `inspectionSnapshot`) for `inspectionCurves` or `heatmap`.
 *
 * @example
 * const recorder = inspectionRecorder(model, { x: probe }, { prefixes: ["stitch/"] });
 * await train(model, data, { epochs: 10, onEpochEnd: recorder.onEpochEnd });
 * recorder.records[10].values["stitch/0"]; // e.g. [[0.83, 0.17], [0.21, 0.79]]
 */
export function inspectionRecorder(model: MultiTaskModel, inputs: NamedTensors, options: InspectionSnapshotOptions = {}): InspectionRecorder {
  const records: InspectionRecord[] = [{ epoch: -1, values: inspectionSnapshot(model, inputs, options) }];
  return {
    records,
    onEpochEnd: (event) => {
      records.push({ epoch: event.epoch, values: inspectionSnapshot(model, inputs, options) });
    },
  };
}
