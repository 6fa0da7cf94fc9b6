import type { MultiTaskModel } from "../arch/types";
import type { Dataset, Split } from "../data/types";
import { mtlError } from "../errors";
import type { Task } from "../tasks/types";
import { finalScores } from "./final-scores";
import { train } from "./train";
import type { History, TrainOptions } from "./types";

/** What {@link singleTask} trains: the tasks, and how to build a model for one of them. */
export interface SingleTaskSetup {
  tasks: readonly Task[];
  /** Builds a fresh model with the same trunk as the multi-task model and a head for `task` only. */
  build: (task: Task) => MultiTaskModel;
}

/** The single-task baselines: one model and history per task, their scores and their cost. */
export interface SingleTaskResult {
  models: Record<string, MultiTaskModel>;
  histories: Record<string, History>;
  /** Each task's final metrics from its own model (test split, else validation): the Δm baseline. */
  scores: Record<string, Record<string, number>>;
  /** Parameters of all T models together (T trunks). */
  parameters: number;
  /** Training seconds of all T models together. */
  seconds: number;
}

/**
 * Trains one model per task with the same trunk, options and budget (epochs, batch size, seed) as
 * the multi-task run — the single-task baseline that Δm compares against. Per-task options
 * (overrides, learning rates, an early-stopping monitor) naming another task are dropped for each
 * model. The caller disposes the returned models.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const trunk = () => mlp({ inputShape: [4], hidden: [8] });
 * const options = { epochs: 1, batchSize: 2, seed: 1 };
 * const build = (task) => hardSharing({ trunk: trunk(), tasks: [task], seed: 1 });
 * const baseline = await singleTask({ tasks, build }, data, options);
 * const history = await train(model, data, options);
 * typeof deltaM(finalScores(history), baseline.scores).percent; // → "number"
 * Object.values(baseline.models).forEach((m) => m.dispose());
 * model.dispose();
 */
export async function singleTask(
  setup: SingleTaskSetup,
  data: Dataset | Split,
  options: TrainOptions = {},
): Promise<SingleTaskResult> {
  const result: SingleTaskResult = { models: {}, histories: {}, scores: {}, parameters: 0, seconds: 0 };
  for (const task of setup.tasks) {
    const model = setup.build(task);
    if (model.tasks.length !== 1 || model.tasks[0]?.name !== task.name) {
      model.dispose();
      throw mtlError({
        code: "single-task-model",
        message:
          `singleTask's build for task "${task.name}" returned a model with tasks ` +
          `[${model.tasks.map((t) => t.name).join(", ")}]`,
        fix: "build a model whose only task is the one passed in, e.g. hardSharing({ trunk, tasks: [task] })",
      });
    }
    const history = await train(model, data, optionsFor(task.name, options));
    result.models[task.name] = model;
    result.histories[task.name] = history;
    result.scores[task.name] = { ...finalScores(history)[task.name] };
    result.parameters += history.parameters.total;
    result.seconds += history.timing.seconds;
  }
  return result;
}

function optionsFor(name: string, options: TrainOptions): TrainOptions {
  const keep = <T>(record: Readonly<Record<string, T>> | undefined, extra: string[]): Record<string, T> | undefined =>
    record && Object.fromEntries(Object.entries(record).filter(([key]) => key === name || extra.includes(key)));
  const monitor = options.earlyStopping?.monitor;
  const earlyStopping =
    options.earlyStopping && monitor !== undefined && monitor !== "loss" && !monitor.startsWith(`${name}.`)
      ? { ...options.earlyStopping, monitor: "loss" }
      : options.earlyStopping;
  const checkpoint = options.checkpoint && { ...options.checkpoint, dir: `${options.checkpoint.dir}-${name}` };
  return {
    ...options,
    tasks: keep(options.tasks, []),
    learningRates: keep(options.learningRates, ["shared", "weighting"]),
    earlyStopping,
    checkpoint,
  };
}
