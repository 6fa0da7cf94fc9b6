import type { History } from "./types";

/** The cost of a trained model: its size and its training time. */
export interface Resources {
  /** All parameters. */
  parameters: number;
  /** The shared ones (the trunk). */
  sharedParameters: number;
  /** Wall-clock training seconds (validation included) and the mean per epoch. */
  seconds: number;
  secondsPerEpoch: number;
  backend: string;
}

/**
 * A run's resource metrics — parameter count and training time — to report beside Δm, since a
 * multi-task model that matches T single-task models with one trunk is also T−1 trunks cheaper.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const history = await train(model, data, { epochs: 1, batchSize: 2, seed: 1 });
 * const cost = resources(history);
 * [cost.parameters, cost.sharedParameters, cost.backend]; // → [67, 40, "cpu"]
 * model.dispose();
 */
export function resources(history: History): Resources {
  const epochs = history.timing.epochSeconds.length;
  return {
    parameters: history.parameters.total,
    sharedParameters: history.parameters.shared,
    seconds: history.timing.seconds,
    secondsPerEpoch: epochs > 0 ? history.timing.epochSeconds.reduce((a, b) => a + b, 0) / epochs : 0,
    backend: history.timing.backend,
  };
}
