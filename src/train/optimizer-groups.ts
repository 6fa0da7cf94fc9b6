import * as tf from "@tensorflow/tfjs-core";
import type { VariableGroup } from "../arch/variable-groups";
import { knownNames, mtlError } from "../errors";
import { createOptimizer } from "./create-optimizer";
import type { OptimizerSpec } from "./types";

/** A variable group with its own optimizer (and so its own learning rate and state). */
export interface OptimizerGroup extends VariableGroup {
  optimizer: tf.Optimizer;
  /** The group's base learning rate, before any schedule. */
  learningRate: number;
}

/**
 * One optimizer per variable group ("shared", each task, "weighting"), so each group can have its
 * own learning rate — e.g. a smaller one on the shared trunk; `learningRates` naming no group is an
 * `unknown-group` error.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const groups = createOptimizerGroups(variableGroups(model), { type: "adam", learningRate: 1e-3 }, { shared: 1e-4 });
 * groups.map((group) => group.name); // → ["shared", "a", "b"]
 * groups.forEach((group) => group.optimizer.dispose());
 * model.dispose();
 */
export function createOptimizerGroups(
  groups: readonly VariableGroup[],
  spec: OptimizerSpec = {},
  learningRates: Readonly<Record<string, number>> = {},
): OptimizerGroup[] {
  const names = groups.map((group) => group.name);
  for (const name of Object.keys(learningRates)) {
    if (!names.includes(name)) {
      throw mtlError({
        code: "unknown-group",
        message: `learningRates names group "${name}", which the model does not have`,
        fix: `use one of ${knownNames(names)}`,
      });
    }
  }
  return groups.map((group) => {
    const learningRate = learningRates[group.name] ?? spec.learningRate ?? 1e-3;
    return { ...group, optimizer: createOptimizer(spec, learningRate), learningRate };
  });
}

/**
 * Applies gradients group by group. Every variable of a group gets an entry (zeros when it had no
 * gradient), because tfjs optimizers keep their slots by position in the gradient map.
 *
 * @example
 * const tasks = [{ name: "a", kind: "classification", classes: 2 }, { name: "b", kind: "regression" }];
 * const model = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 1 });
 * const x = { values: Array.from({ length: 24 }, (_, i) => (i % 7) / 7), shape: [4] };
 * const targets = { a: { values: [0, 1, 0, 1, 1, 0] }, b: { values: [1, 2, 3, 4, 5, 6] } };
 * const data = datasetFromArrays({ tasks, inputs: { x }, targets, validation: 1 / 3 });
 * const groups = createOptimizerGroups(variableGroups(model), { type: "sgd", learningRate: 0.1 });
 * const v = groups[0].variables[0];
 * const before = v.dataSync()[0];
 * applyGroupGradients(groups, { [v.name]: tf.onesLike(v) });
 * v.dataSync()[0] - before; // → -0.1
 * groups.forEach((group) => group.optimizer.dispose());
 * model.dispose();
 */
export function applyGroupGradients(groups: readonly OptimizerGroup[], grads: tf.NamedTensorMap): void {
  for (const group of groups) {
    if (group.variables.length === 0) continue;
    const zeros: tf.Tensor[] = [];
    const map: tf.NamedTensorMap = {};
    for (const v of group.variables) {
      let g = grads[v.name];
      if (g === undefined) zeros.push((g = tf.zerosLike(v)));
      map[v.name] = g;
    }
    group.optimizer.applyGradients(map);
    tf.dispose(zeros);
  }
}

/**
 * The groups left after removing the frozen ones; a frozen name that matches no group is an
 * `unknown-group` error listing the groups.
 *
 * @example
 * unfrozenGroups([{ name: "shared", variables: [] }, { name: "left", variables: [] }],
 *   ["shared"]).map((g) => g.name); // ["left"]
 */
export function unfrozenGroups<G extends VariableGroup>(groups: readonly G[], freeze: readonly string[] = []): G[] {
  const names = groups.map((group) => group.name);
  for (const name of freeze) {
    if (!names.includes(name)) {
      throw mtlError({
        code: "unknown-group",
        message: `freeze names group "${name}", which the model does not have`,
        fix: `use one of ${knownNames(names)}`,
      });
    }
  }
  return groups.filter((group) => !freeze.includes(group.name));
}
