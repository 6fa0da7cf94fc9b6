import {
  inspectionSnapshot,
  type InspectionMatrices,
  type InspectionSnapshotOptions,
} from "../arch/inspection-snapshot";
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
 * const tasks = [{ name: "a", kind: "regression" as const }, { name: "b", kind: "regression" as const }];
 * const model = crossStitch({ tasks, inputShape: [4], hidden: [3], seed: 1 });
 * const recorder = inspectionRecorder(model, { x: tf.ones([1, 4]) }, { prefixes: ["stitch/"] });
 * recorder.onEpochEnd({ epoch: 0 }); // or pass it to train(model, data, { onEpochEnd: recorder.onEpochEnd })
 * recorder.records.map((record) => record.epoch); // → [-1, 0]
 * recorder.records[0].values["stitch/0"]; // → [[0.9, 0.1], [0.1, 0.9]] (the initial coefficients)
 */
export function inspectionRecorder(
  model: MultiTaskModel,
  inputs: NamedTensors,
  options: InspectionSnapshotOptions = {},
): InspectionRecorder {
  const records: InspectionRecord[] = [{ epoch: -1, values: inspectionSnapshot(model, inputs, options) }];
  return {
    records,
    onEpochEnd: (event) => {
      records.push({ epoch: event.epoch, values: inspectionSnapshot(model, inputs, options) });
    },
  };
}
