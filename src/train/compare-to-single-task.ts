import type { MultiTaskModel } from "../arch/types";
import type { Dataset, Split } from "../data/types";
import { deltaM, type DeltaMOptions, type DeltaMResult, type TaskScores } from "../metrics/delta-m";
import type { Task } from "../tasks/types";
import { finalScores } from "./final-scores";
import { singleTask } from "./single-task";
import { train } from "./train";
import type { History, TrainOptions } from "./types";

/** What {@link compareToSingleTask} trains: the tasks, and one builder for any subset of them. */
export interface ComparisonSetup {
  tasks: readonly Task[];
  /** Builds a fresh model for `tasks`: called once with every task, then once per task. */
  build: (tasks: readonly Task[]) => MultiTaskModel;
}

/** Options of {@link compareToSingleTask}: the trainer's options, used for every run, plus Δm's. */
export interface ComparisonOptions extends TrainOptions {
  /** Metric directions for Δm (see `deltaM`). */
  deltaM?: DeltaMOptions;
}

/** One multi-task run against its single-task baselines, and the cost of each side. */
export interface SingleTaskComparison {
  /** The multi-task run's history. */
  multi: History;
  /** Each single-task run's history, by task. */
  single: Record<string, History>;
  /** Final per-task metrics (test split, else validation) of both sides. */
  scores: { multi: TaskScores; single: TaskScores };
  /** Δm of the multi-task model over the single-task models; higher is better, > 0 means sharing helped. */
  deltaM: DeltaMResult;
  /** Parameters and training seconds: one multi-task model against the T single-task models together. */
  cost: { multi: { parameters: number; seconds: number }; single: { parameters: number; seconds: number } };
}

/**
 * Trains one multi-task model and T single-task models with the same builder, trainer options and
 * seed, then measures the multi-task gain Δm (Maninis et al. 2019, eq. 6) of the first over the
 * second and the cost of each; every model is freed before it returns. One point of a
 * "does sharing help here?" experiment.
 *
 * @example
 * const data = mmoeSynthetic({ p: 0.9, seed: 1, train: 200 });
 * const build = (tasks) => hardSharing({ trunk: mlp({ inputShape: [100], hidden: [4] }), tasks, seed: 1 });
 * const result = await compareToSingleTask({ tasks: data.tasks, build }, data, { epochs: 20, seed: 1 });
 * result.deltaM.percent; // e.g. 2.1 — sharing helped these related tasks
 */
export async function compareToSingleTask(
  setup: ComparisonSetup,
  data: Dataset | Split,
  options: ComparisonOptions = {},
): Promise<SingleTaskComparison> {
  const { deltaM: deltaOptions, ...trainOptions } = options;
  const model = setup.build(setup.tasks);
  let multi: History;
  try {
    multi = await train(model, data, trainOptions);
  } finally {
    model.dispose();
  }
  const baseline = await singleTask({ tasks: setup.tasks, build: (task) => setup.build([task]) }, data, trainOptions);
  Object.values(baseline.models).forEach((single) => single.dispose());
  const scores = { multi: finalScores(multi), single: baseline.scores };
  return {
    multi,
    single: baseline.histories,
    scores,
    deltaM: deltaM(scores.multi, scores.single, deltaOptions),
    cost: {
      multi: { parameters: multi.parameters.total, seconds: multi.timing.seconds },
      single: { parameters: baseline.parameters, seconds: baseline.seconds },
    },
  };
}
