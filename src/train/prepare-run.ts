import * as tf from "@tensorflow/tfjs-core";
import { countParameters } from "../arch/count-parameters";
import type { MultiTaskModel } from "../arch/types";
import { variableGroups } from "../arch/variable-groups";
import type { Dataset, Split } from "../data/types";
import { knownNames, mtlError } from "../errors";
import { resolveTasks } from "../tasks/resolve-tasks";
import type { ResolvedTask } from "../tasks/types";
import { validateOutputs } from "../tasks/validate-outputs";
import { validateSplit } from "../data/validate-split";
import { checkWeighting } from "../weighting/dispatch";
import type { GradientMode, GradientWeighting, WeightingMethod } from "../weighting/types";
import { disposeBatch, makeBatch } from "./make-batch";
import { createOptimizerGroups, unfrozenGroups, type OptimizerGroup } from "./optimizer-groups";
import { equal } from "../weighting/equal";
import { staticWeights } from "../weighting/static-weights";
import type { History, TrainOptions } from "./types";
import { weightPenalty } from "./weight-penalty";
import { checkHeldOut } from "./check-held-out";
import { warnIfProbabilityFeatures } from "./warn-if-probability-features";

/** Everything a training run needs, resolved and checked once before the first step. */
export interface Run {
  model: MultiTaskModel;
  options: TrainOptions;
  tasks: ResolvedTask[];
  train: Split;
  validation?: Split;
  test?: Split;
  weighting: WeightingMethod;
  mode?: GradientMode;
  groups: OptimizerGroup[];
  variables: tf.Variable[];
  penalty: () => tf.Scalar | undefined;
  epochs: number;
  batchSize: number;
  seed: number;
  step: number;
  history: History;
}

/**
 * Resolves a run: the splits, the tasks with their overrides, the weighting method and gradient
 * mode, one optimizer per variable group, the penalties, and an empty history; checks the data
 * against the tasks and the model's outputs against the tasks before any training.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const run = prepareRun(model, data, { epochs: 1, batchSize: 2 });
 * run.train.size; // → 4
 * run.validation?.size; // → 2
 * run.groups.map((group) => group.name); // → ["shared", "a", "b"]
 * model.dispose();
 */
export function prepareRun(model: MultiTaskModel, data: Dataset | Split, options: TrainOptions): Run {
  const isDataset = "train" in data;
  const train = isDataset ? data.train : data;
  const pick = (given: Split | false | undefined, fallback: Split | undefined): Split | undefined =>
    given === false ? undefined : (given ?? (fallback !== undefined && fallback.size > 0 ? fallback : undefined));
  const validation = pick(options.validation, isDataset ? data.validation : undefined);
  const test = pick(options.test, isDataset ? data.test : undefined);
  const tasks = resolveTasks(model.tasks, options.tasks);
  const epochs = checkCount("epochs", options.epochs ?? 10, 0);
  const batchSize = checkCount("batchSize", options.batchSize ?? 32, 1);
  validateSplit(tasks, train, model.inputNames, "training split");
  checkHeldOut(train, { validation, test });
  if (validation) validateSplit(tasks, validation, model.inputNames, "validation split");
  if (test) validateSplit(tasks, test, model.inputNames, "test split");
  checkOutputs(model, tasks, train);
  const weighting = options.weighting === undefined ? defaultWeighting(tasks) : checkWeighting(options.weighting);
  const mode =
    weighting.kind === "loss" ? undefined : gradientMode(modesOf(weighting), weighting.name, options.gradientMode);
  const allGroups = variableGroups(model);
  const own = weighting.kind === "loss" ? (weighting.variables ?? []) : [];
  if (own.length > 0) allGroups.push({ name: "weighting", variables: own });
  const groups = unfrozenGroups(allGroups, options.freeze);
  checkFrozenShared(model, weighting, options.freeze);
  const rates = Object.fromEntries(
    Object.entries(options.learningRates ?? {}).filter(([name]) => !options.freeze?.includes(name)),
  );
  const optimizers = createOptimizerGroups(groups, options.optimizer, rates);
  const modelVariables = [...model.sharedVariables, ...Object.values(model.taskVariables).flat()];
  const penalty = (): tf.Scalar | undefined => {
    const terms = [weightPenalty(modelVariables, options), model.penalty?.()].filter(
      (t): t is tf.Scalar => t !== undefined,
    );
    if (terms.length < 2) return terms[0];
    const sum = tf.add(terms[0] as tf.Scalar, terms[1] as tf.Scalar) as tf.Scalar;
    tf.dispose(terms);
    return sum;
  };
  const seed = options.seed ?? 0;
  const history: History = {
    model: model.name,
    weighting: weighting.name,
    ...(mode ? { gradientMode: mode } : {}),
    seed,
    tasks: tasks.map((task) => task.name),
    parameters: countParameters(model),
    steps: [],
    epochs: [],
    stopped: { reason: "epochs", epoch: epochs - 1 },
    final: {},
    timing: { backend: tf.getBackend(), seconds: 0, epochSeconds: [] },
  };
  const variables = groups.flatMap((group) => [...group.variables]);
  return {
    model,
    options,
    tasks,
    train,
    validation,
    test,
    weighting,
    mode,
    groups: optimizers,
    variables,
    penalty,
    epochs,
    batchSize,
    seed,
    step: 0,
    history,
  };
}

/** `equal()` (weights 1/T) unless a task sets its own weight, then `staticWeights` with the tasks' weights. */
function defaultWeighting(tasks: readonly ResolvedTask[]): WeightingMethod {
  const weights = tasks.map((task) => task.weight);
  return weights.every((w) => w === 1) ? equal() : staticWeights({ weights });
}

/** A gradient method combines task gradients on the shared variables only; with those frozen it has nothing to do. */
function checkFrozenShared(model: MultiTaskModel, weighting: WeightingMethod, freeze: readonly string[] = []): void {
  if (weighting.kind === "loss" || !freeze.includes("shared") || model.sharedVariables.length === 0) return;
  throw mtlError({
    code: "frozen-shared-gradient-method",
    message:
      `gradient method "${weighting.name}" combines task gradients on the shared variables, but freeze ` +
      `includes "shared"`,
    fix: "use a loss-based weighting (equal, staticWeights, uncertainty, dwa, …) with a frozen trunk, or unfreeze it",
  });
}

function checkCount(name: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum) {
    throw mtlError({
      code: "bad-option",
      message: `${name} is ${value} but must be an integer ≥ ${minimum}`,
      fix: `set ${name} to e.g. ${Math.max(minimum, 10)}`,
    });
  }
  return value;
}

/** A Gramian method works in both modes; a Jacobian method may list fewer. */
function modesOf(method: GradientWeighting): readonly GradientMode[] {
  return method.kind === "jacobian" && method.modes !== undefined ? method.modes : ["param", "representation"];
}

function gradientMode(modes: readonly string[], name: string, wanted: GradientMode | undefined): GradientMode {
  const mode = wanted ?? (modes.includes("param") ? "param" : ((modes[0] as GradientMode | undefined) ?? "param"));
  if (!modes.includes(mode)) {
    throw mtlError({
      code: "mode-unsupported",
      message: `method "${name}" does not support gradient mode "${mode}"`,
      fix: `use gradientMode ${knownNames(modes)}`,
    });
  }
  return mode;
}

function checkOutputs(model: MultiTaskModel, tasks: readonly ResolvedTask[], split: Split): void {
  const indices = Int32Array.from({ length: Math.min(2, split.size) }, (_, i) => i);
  const batch = makeBatch(split, indices, model.inputNames, tasks);
  try {
    const outputs = model.forward(batch.inputs, { training: false });
    try {
      validateOutputs(tasks, outputs);
    } finally {
      tf.dispose(Object.values(outputs));
    }
    const represent = model.representation;
    if (represent)
      tf.tidy(() => void warnIfProbabilityFeatures(model.name, represent(batch.inputs, { training: false })));
  } finally {
    disposeBatch(batch);
  }
}
