import type { TaskScores } from "../metrics/delta-m";
import type { History } from "./types";

/**
 * The per-task metrics a run ended with — on the test split when there was one, else on the
 * validation split — ready for `deltaM`.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const history = await train(model, data, { epochs: 1, batchSize: 2, seed: 1 });
 * Object.keys(finalScores(history)); // → ["a", "b"]
 * model.dispose();
 */
export function finalScores(history: History): TaskScores {
  return history.final.test?.metrics ?? history.final.validation?.metrics ?? {};
}
