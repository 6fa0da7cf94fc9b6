// Checks every architecture test runs: output shapes, variable ownership by gradient reach,
// representation/heads consistency (values and gradients), and tensor leaks.
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import type { MultiTaskModel, NamedTensors } from "../../../src/arch/types";
import { outputWidth } from "../../../src/tasks/output-shape";

/** A seeded standard-normal batch for the model's input. */
export function batchFor(model: MultiTaskModel, shape: number[], seed = 1): NamedTensors {
  return { [model.inputNames[0] as string]: tf.randomNormal(shape, 0, 1, "float32", seed) };
}

export function disposeAll(tensors: NamedTensors): void {
  Object.values(tensors).forEach((tensor) => tensor.dispose());
}

/** Every task's raw output is [B, width] and finite; predict gives the same shapes. */
export function checkShapes(model: MultiTaskModel, inputs: NamedTensors, batch: number): void {
  const raw = model.forward(inputs, { training: true });
  const predicted = model.predict(inputs);
  assert.deepEqual(Object.keys(raw).sort(), model.tasks.map((task) => task.name).sort());
  for (const task of model.tasks) {
    assert.deepEqual(raw[task.name]!.shape, [batch, outputWidth(task)], `output of ${task.name}`);
    assert.deepEqual(predicted[task.name]!.shape, [batch, outputWidth(task)]);
    assert.ok(raw[task.name]!.dataSync().every(Number.isFinite), `finite output of ${task.name}`);
  }
  disposeAll(raw);
  disposeAll(predicted);
}

const lossOf = (output: tf.Tensor): tf.Scalar => tf.sum(tf.square(output));

/** Which variables (by name) a task's loss reaches with a nonzero gradient. */
function reached(model: MultiTaskModel, inputs: NamedTensors, task: string, variables: tf.Variable[]): Set<string> {
  const names = new Set<string>();
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => lossOf(model.forward(inputs, { training: true })[task]!), variables);
    for (const [name, grad] of Object.entries(grads)) {
      if (tf.max(tf.abs(grad)).dataSync()[0]! > 0) names.add(name);
    }
  });
  return names;
}

/**
 * Shared and per-task variables partition the model's variables; task t's variables are reached by
 * L_t and by no other task's loss; shared ones are reached by at least two tasks (when T ≥ 2).
 */
export function checkOwnership(model: MultiTaskModel, inputs: NamedTensors): void {
  const groups = [model.sharedVariables, ...model.tasks.map((task) => model.taskVariables[task.name] ?? [])];
  const all = groups.flat();
  assert.equal(new Set(all).size, all.length, "no variable in two groups");
  const reach = new Map(model.tasks.map((task) => [task.name, reached(model, inputs, task.name, all)]));
  for (const task of model.tasks) {
    for (const variable of model.taskVariables[task.name] ?? []) {
      assert.ok(reach.get(task.name)!.has(variable.name), `${task.name} reaches its own ${variable.name}`);
      for (const other of model.tasks.filter((o) => o.name !== task.name)) {
        assert.ok(
          !reach.get(other.name)!.has(variable.name),
          `${other.name} does not reach ${task.name}'s ${variable.name}`,
        );
      }
    }
  }
  if (model.tasks.length < 2) return;
  for (const variable of model.sharedVariables) {
    const count = model.tasks.filter((task) => reach.get(task.name)!.has(variable.name)).length;
    assert.ok(count >= 2, `shared ${variable.name} is reached by ${count} task(s)`);
  }
}

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/**
 * heads(representation(x)) equals forward(x); and for each task, backpropagating ∂L_t/∂z through
 * the representation gives the same shared-variable gradients as differentiating L_t directly,
 * while heads on a constant z give the task variables' gradients — what representation mode needs.
 */
export function checkRepresentation(model: MultiTaskModel, inputs: NamedTensors, tolerance = 1e-4): void {
  assert.ok(model.representation && model.heads, `${model.name} has representation and heads`);
  tf.tidy(() => {
    const z = model.representation!(inputs, { training: false });
    const viaHeads = model.heads!(z, { training: false });
    const direct = model.forward(inputs, { training: false });
    for (const task of model.tasks)
      assert.ok(
        maxDiff(viaHeads[task.name]!, direct[task.name]!) < 1e-5,
        `heads∘representation = forward for ${task.name}`,
      );
    for (const task of model.tasks) {
      const own = model.taskVariables[task.name] ?? [];
      const full = [...model.sharedVariables, ...own];
      if (full.length === 0) continue;
      const exact = tf.variableGrads(() => lossOf(model.forward(inputs, { training: false })[task.name]!), full).grads;
      const zGrad = tf.grad((zz: tf.Tensor) => lossOf(model.heads!(zz, { training: false })[task.name]!))(z);
      if (model.sharedVariables.length > 0) {
        const chain = tf.variableGrads(
          () => tf.sum(tf.mul(model.representation!(inputs, { training: false }), zGrad)),
          [...model.sharedVariables],
        ).grads;
        for (const variable of model.sharedVariables) {
          const expected = exact[variable.name] ?? tf.zerosLike(variable);
          const found = chain[variable.name] ?? tf.zerosLike(variable);
          const scale = 1 + tf.max(tf.abs(expected)).dataSync()[0]!;
          assert.ok(maxDiff(expected, found) < tolerance * scale, `${task.name}: shared ${variable.name} via z`);
        }
      }
      if (own.length > 0) {
        model.representation!(inputs, { training: false });
        const headGrads = tf.variableGrads(
          () => lossOf(model.heads!(z, { training: false })[task.name]!),
          [...own],
        ).grads;
        for (const variable of own) {
          const expected = exact[variable.name] ?? tf.zerosLike(variable);
          assert.ok(
            maxDiff(expected, headGrads[variable.name] ?? tf.zerosLike(variable)) <
              tolerance * (1 + tf.max(tf.abs(expected)).dataSync()[0]!),
            `${task.name}: own ${variable.name} via heads`,
          );
        }
      }
    }
  });
}

/** Repeated forward, predict, inspect, representation/heads and penalty calls leave no tensors behind. */
export function checkNoLeaks(model: MultiTaskModel, inputs: NamedTensors): void {
  const once = (): void => {
    disposeAll(model.forward(inputs, { training: true }));
    disposeAll(model.predict(inputs));
    if (model.inspect) disposeAll(model.inspect(inputs));
    if (model.representation && model.heads) {
      const z = model.representation(inputs, { training: true });
      disposeAll(model.heads(z, { training: true }));
      z.dispose();
    }
    model.penalty?.().dispose();
  };
  once();
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) once();
  assert.equal(tf.memory().numTensors, before, `${model.name} leaks no tensors`);
}

/** Each named gate's rows are probabilities summing to one. */
export function checkGates(gates: NamedTensors, prefix = "gate/"): number {
  let count = 0;
  for (const [name, gate] of Object.entries(gates)) {
    if (!name.startsWith(prefix)) continue;
    count += 1;
    const values = gate.arraySync() as number[][];
    for (const row of values) {
      assert.ok(
        row.every((value) => value >= 0 && value <= 1),
        `${name} weights in [0, 1]`,
      );
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5, `${name} row sums to one`);
    }
  }
  return count;
}
