// Batch normalisation on the hand-written parts (denseStack, taskTower, expertBank) against an independent
// float64 reference of Ioffe & Szegedy (2015, Algorithms 1 and 2): outputs, running statistics, gradients
// (central finite differences of the reference), inference vs training, single-sample batches, memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../../src";
import { mlp } from "../../../src/arch";
import type { MtlError } from "../../../src/errors";
import { denseStack } from "../../../src/arch/parts/dense-stack";
import { expertBank } from "../../../src/arch/parts/expert-bank";
import { taskTower } from "../../../src/arch/parts/task-tower";

const epsilon = 1e-3;
const momentum = 0.99;

/** One layer's parameters as plain numbers. */
interface Layer {
  kernel: number[][];
  bias: number[];
  gamma: number[];
  beta: number[];
}

type Activation = "relu" | "tanh" | "linear";
const act = (name: Activation, v: number): number =>
  name === "relu" ? Math.max(0, v) : name === "tanh" ? Math.tanh(v) : v;

/** float64 reference of dense → batch norm → activation, per layer; returns outputs and each layer's batch stats. */
function reference(
  x: number[][],
  layers: readonly Layer[],
  activation: Activation,
  training: boolean,
  running?: Stats[],
) {
  const stats: Stats[] = [];
  let h = x;
  layers.forEach((layer, l) => {
    const z = h.map((row) => layer.bias.map((b, j) => row.reduce((s, v, i) => s + v * layer.kernel[i]![j]!, b)));
    const mean = layer.bias.map((_, j) => z.reduce((s, row) => s + row[j]!, 0) / z.length);
    const variance = mean.map((m, j) => z.reduce((s, row) => s + (row[j]! - m) ** 2, 0) / z.length);
    stats.push({ mean, variance });
    const [mu, sigma2] = training ? [mean, variance] : [running![l]!.mean, running![l]!.variance];
    h = z.map((row) =>
      row.map((v, j) =>
        act(activation, (layer.gamma[j]! * (v - mu[j]!)) / Math.sqrt(sigma2[j]! + epsilon) + layer.beta[j]!),
      ),
    );
  });
  return { y: h, stats };
}

interface Stats {
  mean: number[];
  variance: number[];
}

const near = (actual: number[], expected: number[], tolerance: number, label: string): void =>
  expected.forEach((e, i) =>
    assert.ok(Math.abs(actual[i]! - e) <= tolerance * (1 + Math.abs(e)), `${label}[${i}]: ${actual[i]} vs ${e}`),
  );

/** Gives γ and β values away from 1 and 0, so the test sees them; returns each layer's parameters. */
function randomiseNorms(stack: ReturnType<typeof denseStack>, seed: number): Layer[] {
  const rng = createRng(seed);
  return stack.layers.map((layer, l) => {
    const norm = stack.norms[l]!;
    norm.gamma.assign(tf.tensor1d(Array.from({ length: layer.units }, () => 0.5 + rng.next())));
    norm.beta.assign(tf.tensor1d(Array.from({ length: layer.units }, () => rng.next() - 0.5)));
    return {
      kernel: layer.kernel.arraySync() as number[][],
      bias: Array.from(layer.bias.dataSync()),
      gamma: Array.from(norm.gamma.dataSync()),
      beta: Array.from(norm.beta.dataSync()),
    };
  });
}

const inputs = (rows: number, columns: number, seed: number): number[][] => {
  const rng = createRng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => rng.normal()));
};

for (const backend of ["cpu", "wasm"] as const) {
  test(`denseStack with batchNorm equals the closed form in training and inference, running statistics too (${backend})`, async () => {
    await initBackend({ backend });
    const stack = denseStack({
      inputSize: 3,
      sizes: [4, 2],
      activation: "relu",
      batchNorm: true,
      rng: createRng(5),
      name: "s",
    });
    assert.deepEqual(
      stack.variables.map((v) => v.shape),
      [[3, 4], [4], [4], [4], [4, 2], [2], [2], [2]],
      "kernel, bias, γ, β per layer",
    );
    assert.ok(stack.stateVariables.every((v) => !v.trainable) && stack.stateVariables.length === 4);
    const layers = randomiseNorms(stack, 2);
    const xs = inputs(6, 3, 3);
    const before = tf.memory().numTensors;
    const x = tf.tensor2d(xs);
    const trained = tf.tidy(() => Array.from(stack.apply(x, { training: true }).dataSync()));
    const expected = reference(xs, layers, "relu", true);
    near(trained, expected.y.flat(), 1e-4, "training output");
    const running = expected.stats.map((s) => ({
      mean: s.mean.map((m) => (1 - momentum) * m),
      variance: s.variance.map((v) => momentum + (1 - momentum) * v),
    }));
    stack.norms.forEach((norm, l) => {
      near(Array.from(norm.movingMean.dataSync()), running[l]!.mean, 1e-5, `running mean ${l}`);
      near(Array.from(norm.movingVariance.dataSync()), running[l]!.variance, 1e-5, `running variance ${l}`);
    });
    const inferred = tf.tidy(() => Array.from(stack.apply(x, { training: false }).dataSync()));
    near(inferred, reference(xs, layers, "relu", false, running).y.flat(), 1e-4, "inference output");
    assert.ok(Math.max(...trained.map((v, i) => Math.abs(v - inferred[i]!))) > 1e-2, "training ≠ inference");
    near(Array.from(stack.norms[0]!.movingMean.dataSync()), running[0]!.mean, 1e-5, "inference updates nothing");
    x.dispose();
    assert.equal(tf.memory().numTensors, before, "no tensor left behind by the passes and the running update");
    [...stack.variables, ...stack.stateVariables].forEach((v) => v.dispose());
  });
}

test("the gradient of a batch-normalised stack matches central finite differences of the float64 reference (cpu)", async () => {
  await initBackend({ backend: "cpu" });
  const stack = denseStack({
    inputSize: 3,
    sizes: [4, 3],
    activation: "tanh",
    batchNorm: true,
    rng: createRng(8),
    name: "g",
  });
  const layers = randomiseNorms(stack, 4);
  const xs = inputs(5, 3, 6);
  const weights = inputs(5, 3, 7);
  // L = Σ c ⊙ y with fixed c; in training mode ∂L flows through the batch mean and variance as well.
  const loss = (params: Layer[]): number =>
    reference(xs, params, "tanh", true).y.reduce(
      (s, row, i) => s + row.reduce((t, v, j) => t + v * weights[i]![j]!, 0),
      0,
    );
  const x = tf.tensor2d(xs);
  const c = tf.tensor2d(weights);
  const { grads, value } = tf.variableGrads(() => tf.sum(tf.mul(stack.apply(x, { training: true }), c)) as tf.Scalar);
  assert.ok(Math.abs((value.dataSync()[0] as number) - loss(layers)) < 1e-4);
  const h = 1e-6;
  const fields = ["kernel", "bias", "gamma", "beta"] as const;
  let checked = 0;
  layers.forEach((layer, l) => {
    const variables = [stack.layers[l]!.kernel, stack.layers[l]!.bias, stack.norms[l]!.gamma, stack.norms[l]!.beta];
    fields.forEach((field, f) => {
      const analytic = Array.from(grads[variables[f]!.name]!.dataSync());
      const flat = (layer[field] as (number | number[])[]).flat();
      flat.forEach((_, k) => {
        const shifted = (delta: number): Layer[] => {
          const copy = structuredClone(layers);
          const target = copy[l]![field] as (number | number[])[];
          if (Array.isArray(target[0])) {
            const row = target[Math.floor(k / (target[0] as number[]).length)] as number[];
            row[k % row.length]! += delta;
          } else (target as number[])[k]! += delta;
          return copy;
        };
        const numeric = (loss(shifted(h)) - loss(shifted(-h))) / (2 * h);
        assert.ok(
          Math.abs(analytic[k]! - numeric) <= 2e-3 * (1 + Math.abs(numeric)),
          `${field}${l}[${k}]: ${analytic[k]} vs ${numeric}`,
        );
        checked++;
      });
    });
    // The batch mean absorbs the dense bias: its gradient is 0 in training.
    assert.ok(Array.from(grads[stack.layers[l]!.bias.name]!.dataSync()).every((g) => Math.abs(g) < 1e-5));
  });
  assert.equal(checked, 3 * 4 + 4 + 4 + 4 + (4 * 3 + 3 + 3 + 3));
  tf.dispose([x, c, value, ...Object.values(grads), ...stack.variables, ...stack.stateVariables]);
});

for (const backend of ["cpu", "wasm"] as const) {
  test(`an expert bank with batchNorm equals each expert's own closed form, statistics per expert (${backend})`, async () => {
    await initBackend({ backend });
    const count = 3;
    const hidden = [4, 2];
    const bank = expertBank({
      count,
      inputSize: 3,
      hidden,
      activation: "relu",
      batchNorm: true,
      rng: createRng(2),
      name: "b",
    });
    // Per expert: [kernel, bias, γ, β] per layer; set γ and β away from 1 and 0.
    const rng = createRng(9);
    const perLayer = 4;
    const experts: Layer[][] = Array.from({ length: count }, (_, e) =>
      hidden.map((units, l) => {
        const [kernel, bias, gamma, beta] = bank.variables.slice(
          (e * hidden.length + l) * perLayer,
          (e * hidden.length + l + 1) * perLayer,
        );
        gamma!.assign(tf.tensor1d(Array.from({ length: units }, () => 0.5 + rng.next())));
        beta!.assign(tf.tensor1d(Array.from({ length: units }, () => rng.next() - 0.5)));
        return {
          kernel: kernel!.arraySync() as number[][],
          bias: Array.from(bias!.dataSync()),
          gamma: Array.from(gamma!.dataSync()),
          beta: Array.from(beta!.dataSync()),
        };
      }),
    );
    const xs = inputs(5, 3, 1);
    const x = tf.tensor2d(xs);
    const out = tf.tidy(() => bank.apply(x, { training: true }).arraySync() as number[][][]);
    experts.forEach((layers, e) => {
      const expected = reference(xs, layers, "relu", true);
      near(out.map((row) => row[e]!).flat(), expected.y.flat(), 1e-4, `expert ${e}`);
      expected.stats.forEach((s, l) => {
        const [mean, variance] = bank.stateVariables.slice(
          (e * hidden.length + l) * 2,
          (e * hidden.length + l) * 2 + 2,
        );
        near(
          Array.from(mean!.dataSync()),
          s.mean.map((m) => (1 - momentum) * m),
          1e-5,
          `expert ${e} mean ${l}`,
        );
        near(
          Array.from(variance!.dataSync()),
          s.variance.map((v) => momentum + (1 - momentum) * v),
          1e-5,
          `expert ${e} var ${l}`,
        );
      });
    });
    x.dispose();
    [...bank.variables, ...bank.stateVariables].forEach((v) => v.dispose());
  });
}

test("a task tower normalises its hidden layers only; without batchNorm the parts keep their old variables", async () => {
  await initBackend({ backend: "cpu" });
  const task = { name: "y", kind: "classification" as const, classes: 3 };
  const tower = taskTower({
    task,
    inputSize: 4,
    hidden: [5],
    activation: "relu",
    batchNorm: true,
    rng: createRng(1),
    name: "t",
  });
  assert.deepEqual(
    tower.stateVariables.map((v) => v.shape),
    [[5], [5]],
  );
  assert.deepEqual(
    tower.variables.map((v) => v.shape),
    [[4, 5], [5], [5], [5], [5, 3], [3]],
  );
  const plain = taskTower({ task, inputSize: 4, hidden: [5], activation: "relu", rng: createRng(1), name: "t" });
  assert.deepEqual(plain.stateVariables, []);
  assert.deepEqual(
    Array.from(plain.variables[0]!.dataSync()),
    Array.from(tower.variables[0]!.dataSync()),
    "batch norm draws nothing from the generator: same kernels",
  );
  [...tower.variables, ...tower.stateVariables, ...plain.variables].forEach((v) => v.dispose());
});

test("a training batch of one sample under batch norm is an MtlError, in the parts and in the encoders; inference is fine", async () => {
  await initBackend({ backend: "cpu" });
  const bank = expertBank({
    count: 2,
    inputSize: 3,
    hidden: [4],
    activation: "relu",
    batchNorm: true,
    rng: createRng(1),
    name: "one",
  });
  const x = tf.ones([1, 3]);
  const single = (error: MtlError) =>
    error.code === "batch-norm-single-sample" && /batch of 1/.test(error.message) && /batchSize/.test(error.message);
  assert.throws(() => bank.apply(x, { training: true }), single);
  const inferred = tf.tidy(() => Array.from(bank.apply(x, { training: false }).dataSync()));
  assert.ok(inferred.every(Number.isFinite));
  const encoder = mlp({ inputShape: [3], hidden: [4], batchNorm: true, seed: 1 });
  encoder.build();
  assert.throws(() => tf.tidy(() => encoder.apply(x, { training: true })), single);
  tf.tidy(() => assert.ok(Array.from(encoder.apply(x, { training: false }).dataSync()).every(Number.isFinite)));
  x.dispose();
  encoder.dispose();
  [...bank.variables, ...bank.stateVariables].forEach((v) => v.dispose());
});
