import { knownNames, mtlError } from "../errors";
import { kindDefaults } from "./kind-defaults";
import { kindsPhrase } from "./kinds-phrase";
import { lossFunctions, type LossDefinition } from "./losses";
import { metricKinds } from "./metric-kinds";
import { outputWidth, targetShape } from "./output-shape";
import { singleUnitClassification } from "./single-unit-classification";
import { checkRetrieval } from "./check-retrieval";
import {
  taskKinds,
  type LossName,
  type MetricName,
  type OutputActivation,
  type ResolvedTask,
  type Task,
} from "./types";

/**
 * Fills a task's options from its kind's defaults and checks them, throwing an MtlError whose
 * code is stable and whose message names the task and the fix (codes: unknown-kind, missing-classes,
 * single-unit-classification, bad-size, missing-candidates, bad-top-k, unknown-loss, bad-loss, loss-kind-mismatch,
 * unknown-metric, metric-kind-mismatch,
 * bad-weight, bad-activation).
 *
 * @example
 * resolveTask({ name: "rating", kind: "regression" }).loss; // → "mse"
 * let code = "";
 * try {
 *   resolveTask({ name: "rating", kind: "regression", loss: "crossEntropy" });
 * } catch (error) {
 *   code = (error as MtlError).code; // 'task "rating" has kind "regression" but loss "crossEntropy" needs …'
 * }
 * code; // → "loss-kind-mismatch"
 */
export function resolveTask(task: Task): ResolvedTask {
  checkShapeFields(task);
  checkRetrieval(task);
  const defaults = kindDefaults[task.kind];
  const loss = checkLoss(task, task.loss ?? defaults.loss);
  const metrics = (task.metrics ?? defaults.metrics).map((metric) => checkMetric(task, metric));
  const weight = task.weight ?? 1;
  if (!Number.isFinite(weight) || weight < 0) {
    throw mtlError({
      code: "bad-weight",
      message: `task "${task.name}" has weight ${weight} but a weight must be a finite number ≥ 0`,
      fix: "use e.g. weight: 1",
    });
  }
  const custom = typeof loss === "string" ? undefined : loss.targetShape;
  const isClassIndex = task.kind === "classification" && custom === undefined;
  return {
    ...task,
    loss,
    weight,
    metrics,
    activation: checkActivation(task),
    ...(task.kind === "retrieval" ? { topK: task.topK ?? 100 } : {}),
    outputWidth: outputWidth(task),
    targetShape: custom ? [...custom] : targetShape(task),
    targetDtype: isClassIndex ? "int32" : "float32",
  };
}

function checkShapeFields(task: Task): void {
  if (!taskKinds.includes(task.kind)) {
    throw mtlError({
      code: "unknown-kind",
      message: `task "${task.name}" has kind "${String(task.kind)}", which mtlkit does not know`,
      fix: `use one of ${knownNames(taskKinds)}`,
    });
  }
  if (task.kind === "classification" && task.classes === 1) throw singleUnitClassification(task.name, "classes: 1");
  const needsClasses = task.kind === "classification" || task.kind === "multilabel";
  if (
    needsClasses &&
    !(Number.isInteger(task.classes) && (task.classes ?? 0) >= 2 - Number(task.kind === "multilabel"))
  ) {
    throw mtlError({
      code: "missing-classes",
      message: `task "${task.name}" has kind "${task.kind}" but classes is ${String(task.classes)}`,
      fix: `give the number of ${task.kind === "multilabel" ? "labels" : "classes"}, e.g. classes: 10`,
    });
  }
  if (task.kind === "mask" && task.size === undefined) {
    throw mtlError({
      code: "bad-size",
      message: `task "${task.name}" has kind "mask" but no size`,
      fix: "set size to the mask's pixel count H·W, e.g. size: 784 for 28×28 masks",
    });
  }
  const size = task.size ?? (task.kind === "bbox" ? 4 : 1);
  if (!Number.isInteger(size) || size < 1 || (task.kind === "bbox" && size !== 4)) {
    throw mtlError({
      code: "bad-size",
      message:
        `task "${task.name}" has kind "${task.kind}" and size ${String(task.size)}, ` +
        `expected ${task.kind === "bbox" ? "4" : "an integer ≥ 1"}`,
      fix:
        task.kind === "bbox"
          ? "omit size for boxes ([xMin, yMin, xMax, yMax])"
          : "set size to the target's width per sample",
    });
  }
}

function checkActivation(task: Task): OutputActivation {
  const activation = task.activation ?? kindDefaults[task.kind].activation;
  const allowed = task.kind === "bbox" ? ["identity", "sigmoid"] : [kindDefaults[task.kind].activation];
  if (!allowed.includes(activation)) {
    throw mtlError({
      code: "bad-activation",
      message:
        `task "${task.name}" has kind "${task.kind}" and activation "${String(activation)}", ` +
        `but the kind allows only ${knownNames(allowed)}`,
      fix:
        task.kind === "bbox" ? 'use activation: "sigmoid" for normalised boxes' : "omit activation; the kind fixes it",
    });
  }
  return activation;
}

function checkLoss(task: Task, loss: LossName | LossDefinition): LossName | LossDefinition {
  if (typeof loss === "object" && loss !== null) {
    if (!Array.isArray(loss.kinds) || typeof loss.perSample !== "function") {
      // e.g. seed 002 §4 compiles with `loss=total_loss`, a tensor computed once, not a function of the outputs
      throw mtlError({
        code: "bad-loss",
        message:
          `task "${task.name}" has a loss that is neither a loss name nor a loss definition ` +
          `({ kinds, perSample }); found ${describe(loss)}`,
        fix:
          `name a loss (${knownNames(Object.keys(lossFunctions))}) or pass { kinds, perSample(outputs, targets) }: ` +
          "a loss is a function of each batch's outputs, not a value computed once",
      });
    }
    if (!loss.kinds.includes(task.kind)) {
      throw mtlError({
        code: "loss-kind-mismatch",
        message:
          `task "${task.name}" has kind "${task.kind}" but loss "${loss.name ?? "custom"}" needs ` +
          `${kindsPhrase(loss.kinds)}`,
        fix: `use loss "${kindDefaults[task.kind].loss}" or a loss built for kind "${task.kind}"`,
      });
    }
    return loss;
  }
  const definition = lossFunctions[loss];
  if (definition === undefined) {
    throw mtlError({
      code: "unknown-loss",
      message: `task "${task.name}" has loss "${String(loss)}", which mtlkit does not know`,
      fix: `use one of ${knownNames(Object.keys(lossFunctions))}`,
    });
  }
  if (!definition.kinds.includes(task.kind)) {
    throw mtlError({
      code: "loss-kind-mismatch",
      message: `task "${task.name}" has kind "${task.kind}" but loss "${loss}" needs ${kindsPhrase(definition.kinds)}`,
      fix: `use loss "${kindDefaults[task.kind].loss}"`,
    });
  }
  return loss;
}

function checkMetric(task: Task, metric: MetricName): MetricName {
  const kinds = metricKinds[metric];
  if (kinds === undefined) {
    throw mtlError({
      code: "unknown-metric",
      message: `task "${task.name}" asks for metric "${String(metric)}", which mtlkit does not know`,
      fix: `use one of ${knownNames(Object.keys(metricKinds))}`,
    });
  }
  if (!kinds.includes(task.kind)) {
    throw mtlError({
      code: "metric-kind-mismatch",
      message: `task "${task.name}" has kind "${task.kind}" but metric "${metric}" needs ${kindsPhrase(kinds)}`,
      fix: `use metrics ${knownNames(kindDefaults[task.kind].metrics)}`,
    });
  }
  return metric;
}

function describe(value: object): string {
  const name = value.constructor?.name;
  return name && name !== "Object" ? `a ${name}` : `an object with keys ${knownNames(Object.keys(value))}`;
}
