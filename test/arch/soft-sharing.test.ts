import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { softSharing } from "../../src/arch/soft-sharing";
import { symmetricEigen } from "../../src/linalg/symmetric-eigen";
import type { MultiTaskModel } from "../../src/arch/types";
import { batchFor, checkNoLeaks, checkOwnership, checkShapes, disposeAll } from "./support/model-checks";
import { threeTasks, twoTasks } from "./support/fixtures";

before(async () => {
  await initBackend({ backend: "cpu" });
});

test("softSharing: shapes, every variable owned by one task, no representation, no leaks", () => {
  for (const coupling of ["l2", "traceNorm"] as const) {
    const model = softSharing({ tasks: threeTasks, inputShape: [2, 3], hidden: [5, 4], coupling, seed: 1 });
    const inputs = batchFor(model, [6, 2, 3]);
    checkShapes(model, inputs, 6);
    checkOwnership(model, inputs);
    assert.equal(model.sharedVariables.length, 0);
    assert.equal(model.representation, undefined);
    checkNoLeaks(model, inputs);
    model.dispose();
    disposeAll(inputs);
  }
});

/** Tower t's hidden-layer variables (kernel, bias per layer), without the head. */
const towerOf = (model: MultiTaskModel, task: string, layers: number) =>
  model.taskVariables[task]!.slice(0, 2 * layers);

test("softSharing l2: λ·Σ_{s<t}‖θ_s − θ_t‖² and its gradient 2λ Σ_{s≠t}(θ_t − θ_s), against loops over the raw values", () => {
  const lambda = 0.3;
  const model = softSharing({ tasks: threeTasks, inputShape: [3], hidden: [2, 2], lambda, seed: 7 });
  const names = threeTasks.map((task) => task.name);
  const towers = names.map((name) => towerOf(model, name, 2));
  const flat = towers.map((vars) => vars.flatMap((v) => Array.from(v.dataSync())));
  let expected = 0;
  for (let s = 0; s < 3; s++)
    for (let t = s + 1; t < 3; t++) flat[s]!.forEach((value, i) => (expected += (value - flat[t]![i]!) ** 2));
  expected *= lambda;
  const all = towers.flat();
  const { value, grads } = tf.variableGrads(() => model.penalty!(), all);
  assert.ok(
    Math.abs(value.dataSync()[0]! - expected) < 1e-4 * expected,
    `penalty ${value.dataSync()[0]} vs ${expected}`,
  );
  towers.forEach((vars, t) => {
    const found = vars.flatMap((v) => Array.from(grads[v.name]!.dataSync()));
    flat[t]!.forEach((own, i) => {
      const hand = 2 * lambda * [0, 1, 2].filter((s) => s !== t).reduce((sum, s) => sum + own - flat[s]![i]!, 0);
      assert.ok(Math.abs(found[i]! - hand) < 1e-5, `∂R/∂θ_${t}[${i}]: ${found[i]} vs ${hand}`);
    });
  });
  tf.dispose([value, ...Object.values(grads)]);
  model.dispose();
});

test("softSharing traceNorm: orthogonal stacked rows give ‖W‖_* = Σ row norms and gradient = rows / norms", () => {
  const lambda = 0.5;
  const model = softSharing({ tasks: twoTasks, inputShape: [2], hidden: [1], coupling: "traceNorm", lambda, seed: 3 });
  const [k1, b1] = towerOf(model, "left", 1);
  const [k2, b2] = towerOf(model, "right", 1);
  // stacked rows (kernel, bias): (3, 4, 0) and (0, 0, 2) — orthogonal, norms 5 and 2
  k1!.assign(tf.tensor2d([[3], [4]]));
  b1!.assign(tf.tensor1d([0]));
  k2!.assign(tf.tensor2d([[0], [0]]));
  b2!.assign(tf.tensor1d([2]));
  const { value, grads } = tf.variableGrads(() => model.penalty!(), [k1!, b1!, k2!, b2!]);
  assert.ok(Math.abs(value.dataSync()[0]! - lambda * 7) < 1e-5);
  const expected: [tf.Variable, number[]][] = [
    [k1!, [0.6 * lambda, 0.8 * lambda]],
    [b1!, [0]],
    [k2!, [0, 0]],
    [b2!, [lambda]],
  ];
  for (const [variable, hand] of expected) {
    Array.from(grads[variable.name]!.dataSync()).forEach((g, i) =>
      assert.ok(Math.abs(g - hand[i]!) < 1e-5, `${variable.name}: ${g} vs ${hand[i]}`),
    );
  }
  tf.dispose([value, ...Object.values(grads)]);
  model.dispose();
});

/** One SGD step on Σ_t L_t (mean squared error) + penalty. */
function sgdStep(model: MultiTaskModel, x: tf.Tensor, targets: tf.Tensor[], lr: number): void {
  tf.tidy(() => {
    const variables = [...Object.values(model.taskVariables).flat()];
    const { grads } = tf.variableGrads(() => {
      const out = model.forward({ x }, { training: true });
      const losses = model.tasks.map((task, t) => tf.mean(tf.square(tf.sub(out[task.name]!, targets[t]!))));
      return tf.add(tf.addN(losses), model.penalty!()) as tf.Scalar;
    }, variables);
    for (const variable of variables) variable.assign(tf.sub(variable, tf.mul(lr, grads[variable.name]!)));
  });
}

function towerDistance(model: MultiTaskModel): number {
  const inspected = model.inspect!({ x: tf.zeros([1, 3]) });
  const distances = Object.entries(inspected).filter(([name]) => name.startsWith("distance/"));
  const distance = distances.reduce((sum, [, d]) => sum + d.dataSync()[0]! ** 2, 0);
  disposeAll(inspected);
  return Math.sqrt(distance);
}

/** σ_2/σ_1 of the stacked 2×P first-layer parameters: 0 when the towers are parallel (rank one). */
function rankRatio(model: MultiTaskModel): number {
  const rows = model.tasks.map((task) => towerOf(model, task.name, 1).flatMap((v) => Array.from(v.dataSync())));
  const gram = new Float64Array(4);
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++) gram[i * 2 + j] = rows[i]!.reduce((sum, value, k) => sum + value * rows[j]![k]!, 0);
  const sigmas = Array.from(symmetricEigen(gram, 2).values, (l) => Math.sqrt(Math.max(l, 0))).sort((a, b) => b - a);
  return sigmas[1]! / sigmas[0]!;
}

test("softSharing: as λ grows, l2 pulls the towers together and trace norm makes them parallel (rank one)", () => {
  const x = tf.randomNormal([32, 3], 0, 1, "float32", 5);
  const targets = [tf.sum(x, 1, true), tf.sub(tf.slice(x, [0, 0], [-1, 1]), tf.slice(x, [0, 1], [-1, 1]))];
  const train = (coupling: "l2" | "traceNorm", lambda: number, measure: (model: MultiTaskModel) => number): number => {
    const model = softSharing({
      tasks: twoTasks,
      inputShape: [3],
      hidden: [4],
      activation: "tanh",
      coupling,
      lambda,
      seed: 2,
    });
    for (let step = 0; step < 60; step++) sgdStep(model, x, targets, coupling === "l2" ? 0.04 : 0.02);
    const value = measure(model);
    model.dispose();
    return value;
  };
  const distances = [0, 0.5, 5].map((lambda) => train("l2", lambda, towerDistance));
  assert.ok(distances[0]! > distances[1]! && distances[1]! > distances[2]!, `l2 distances ${distances.join(" > ")}`);
  assert.ok(distances[2]! < 0.05 * distances[0]!, `l2: large λ ties the towers (${distances[2]} vs ${distances[0]})`);
  const ratios = [0, 0.5, 2].map((lambda) => train("traceNorm", lambda, rankRatio));
  assert.ok(ratios[0]! > ratios[1]! && ratios[1]! > ratios[2]!, `trace-norm σ₂/σ₁ ${ratios.join(" > ")}`);
  tf.dispose([x, ...targets]);
});

test("softSharing: with λ → ∞ (4ηλ = 1 under SGD) two tied towers follow hard sharing's trajectory", () => {
  // The tower difference stays O(η·|g_1 − g_2|), so the gap to hard sharing is O(η) of the distance travelled.
  const x = tf.randomNormal([32, 3], 0, 1, "float32", 8);
  const targets = [tf.sum(x, 1, true), tf.sub(tf.slice(x, [0, 0], [-1, 1]), tf.slice(x, [0, 1], [-1, 1]))];
  const lr = 0.02;
  const gaps = [0, 12.5].map((lambda) => {
    const model = softSharing({ tasks: twoTasks, inputShape: [3], hidden: [4], activation: "tanh", lambda, seed: 4 });
    const [w1, b1, v1, c1] = model.taskVariables.left!;
    const [w2, b2, v2, c2] = model.taskVariables.right!;
    w2!.assign(w1!);
    b2!.assign(b1!);
    // Hard sharing by hand: one tower θ = (w, b) on Σ_t L_t. The tied towers' mean moves by the
    // mean of the two task gradients, so the shared tower's rate is lr/2; each head keeps lr.
    const shared = [tf.variable(w1!.clone()), tf.variable(b1!.clone())];
    const heads = [
      tf.variable(v1!.clone()),
      tf.variable(c1!.clone()),
      tf.variable(v2!.clone()),
      tf.variable(c2!.clone()),
    ];
    for (let step = 0; step < 100; step++) {
      sgdStep(model, x, targets, lr);
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const h = tf.tanh(tf.add(tf.matMul(x as tf.Tensor2D, shared[0] as tf.Tensor2D), shared[1]!));
          const losses = [0, 1].map((t) => {
            const out = tf.add(tf.matMul(h, heads[2 * t] as tf.Tensor2D), heads[2 * t + 1]!);
            return tf.mean(tf.square(tf.sub(out, targets[t]!)));
          });
          return tf.addN(losses) as tf.Scalar;
        }, [...shared, ...heads]);
        shared.forEach((v) => v.assign(tf.sub(v, tf.mul(lr / 2, grads[v.name]!))));
        heads.forEach((v) => v.assign(tf.sub(v, tf.mul(lr, grads[v.name]!))));
      });
    }
    const gap = tf.tidy(() =>
      Math.max(
        ...[
          [w1!, shared[0]!],
          [w2!, shared[0]!],
          [b1!, shared[1]!],
          [v1!, heads[0]!],
          [v2!, heads[2]!],
        ].map(([a, b]) => tf.max(tf.abs(tf.sub(a!, b!))).dataSync()[0]!),
      ),
    );
    model.dispose();
    tf.dispose([...shared, ...heads]);
    return gap;
  });
  assert.ok(gaps[1]! < 0.03, `λ large: tied towers track hard sharing (max gap ${gaps[1]})`);
  assert.ok(gaps[0]! > 10 * gaps[1]!, `λ = 0 drifts away from it (gap ${gaps[0]} vs ${gaps[1]})`);
  tf.dispose([x, ...targets]);
});
