import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { train, clipByGlobalNorm, weightPenalty, type TrainOptions } from "../../src/train";
import { weighGradients } from "../../src/weighting";
import { createRng } from "../../src/backend";
import { staticWeights } from "../../src/weighting";
import { makeDataset, makeModel, sumOfGradients, twoTaskMgda, weightsOf, within } from "./fixtures";

/** Weights after one full-batch SGD step. */
async function oneStep(options: TrainOptions, seed = 1): Promise<number[][]> {
  const model = makeModel(seed);
  const data = makeDataset();
  await train(model, data.train, {
    epochs: 1,
    batchSize: data.train.size,
    optimizer: { type: "sgd", learningRate: 0.1 },
    validation: false,
    test: false,
    ...options,
  });
  const weights = weightsOf(model);
  model.dispose();
  return weights;
}

test("weighGradients forms the Gramian and wᵀJ on the device (TorchJD's J = [[-4, 1, 1], [6, 1, 1]] → MGDA [0.6, 0.4])", async () => {
  await initBackend({ backend: "cpu" });
  const jacobian = tf.tensor2d([
    [-4, 1, 1],
    [6, 1, 1],
  ]);
  const context = { step: 0, epoch: 0, rng: createRng(0), taskNames: ["a", "b"], losses: Float64Array.from([1, 1]) };
  const result = weighGradients(jacobian, twoTaskMgda, context);
  assert.ok(Math.abs(result.weights[0]! - 0.6) < 1e-12 && Math.abs(result.weights[1]! - 0.4) < 1e-12);
  assert.ok(within([Array.from(result.direction.dataSync())], [[0, 1, 1]], 1e-6));
  // cos = −22 / √(18 · 38)
  assert.ok(Math.abs(result.cosines[1]! - -22 / Math.sqrt(18 * 38)) < 1e-6);
  tf.dispose([jacobian, result.direction]);
});

for (const backend of ["cpu", "wasm"] as const) {
  test(`${backend}: a gradient method with weights [1, 1] gives the summed-loss update, in param and representation mode`, async () => {
    await initBackend({ backend });
    const reference = await oneStep({ weighting: staticWeights({ weights: [1, 1] }) });
    const param = await oneStep({ weighting: sumOfGradients, gradientMode: "param" });
    const representation = await oneStep({ weighting: sumOfGradients, gradientMode: "representation" });
    assert.ok(within(param, reference, 1e-6), "param mode");
    assert.ok(within(representation, reference, 1e-6), "representation mode");
    assert.ok(!within(reference, await oneStep({ tasks: { a: { weight: 0.3 } } }), 1e-6), "the comparison can fail");
  });
}

test("gradient methods record weights, solver status and task-gradient cosines each step", async () => {
  await initBackend({ backend: "cpu" });
  for (const gradientMode of ["param", "representation"] as const) {
    const model = makeModel(1, 0.2);
    const before = tf.memory().numTensors;
    const history = await train(model, makeDataset(), {
      epochs: 2,
      batchSize: 128,
      weighting: twoTaskMgda,
      gradientMode,
      l2: 1e-3,
    });
    assert.equal(tf.memory().numTensors, before, `${gradientMode} mode leaves no tensors behind`);
    assert.equal(history.gradientMode, gradientMode);
    for (const step of history.steps) {
      assert.ok(Math.abs(step.weights.a! + step.weights.b! - 1) < 1e-12);
      assert.deepEqual(step.solver, { converged: true, iterations: 1 });
      assert.ok(Math.abs(step.cosines!["a|b"]!) <= 1 + 1e-9);
    }
    model.dispose();
  }
});

test("per-group learning rates: a zero rate on the shared trunk leaves it unchanged while the heads learn", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel();
  const trunkBefore = model.sharedVariables.map((v) => Array.from(v.dataSync()));
  const headBefore = Array.from(model.taskVariables.a![0]!.dataSync());
  await train(model, makeDataset(), {
    epochs: 1,
    batchSize: 64,
    learningRates: { shared: 0 },
    optimizer: { learningRate: 0.01 },
  });
  assert.deepEqual(
    model.sharedVariables.map((v) => Array.from(v.dataSync())),
    trunkBefore,
  );
  assert.notDeepEqual(Array.from(model.taskVariables.a![0]!.dataSync()), headBefore);
  await assert.rejects(
    train(model, makeDataset(), { epochs: 1, learningRates: { trunk: 0 } }),
    /learningRates names group "trunk".*use one of "shared", "a", "b"/,
  );
  model.dispose();
});

test("clipping by global norm caps the step; the norm before clipping is recorded", async () => {
  await initBackend({ backend: "cpu" });
  const before = await oneStep({ epochs: 0 });
  let norm = 0;
  const after = await oneStep({ clipNorm: 1e-3, onStep: (record) => void (norm = record.gradNorm) });
  const step = Math.sqrt(after.flat().reduce((sum, value, i) => sum + (value - before.flat()[i]!) ** 2, 0));
  assert.ok(norm > 1e-3);
  assert.ok(Math.abs(step - 0.1 * 1e-3) < 1e-6, `SGD step ${step} should be lr × clipNorm`);
  const { grads, norm: measured } = clipByGlobalNorm({ a: tf.tensor1d([3]), b: tf.tensor1d([4]) }, 1);
  assert.equal(measured, 5);
  assert.ok(within([Array.from(grads.a!.dataSync()), Array.from(grads.b!.dataSync())], [[0.6], [0.8]], 1e-6));
  tf.dispose(Object.values(grads));
});

test("an L2 penalty adds 2·λ·w to kernel gradients only; L1 adds λ·sign(w)", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel();
  const initial = weightsOf(model);
  const kernels = [...model.sharedVariables, ...Object.values(model.taskVariables).flat()].map((v) => v.rank >= 2);
  model.dispose();
  const plain = await oneStep({});
  const l2 = await oneStep({ l2: 0.5 });
  const l1 = await oneStep({ l1: 0.5 });
  initial.forEach((values, i) =>
    values.forEach((w, j) => {
      const expectedL2 = kernels[i] ? -0.1 * 2 * 0.5 * w : 0;
      const expectedL1 = kernels[i] ? -0.1 * 0.5 * Math.sign(w) : 0;
      assert.ok(Math.abs(l2[i]![j]! - plain[i]![j]! - expectedL2) < 1e-5);
      assert.ok(Math.abs(l1[i]![j]! - plain[i]![j]! - expectedL1) < 1e-5);
    }),
  );
  const variables = [tf.variable(tf.tensor2d([[1, -2]])), tf.variable(tf.tensor1d([5]))];
  const penalty = weightPenalty(variables, { l1: 0.1, l2: 0.01 });
  assert.ok(Math.abs(penalty!.dataSync()[0]! - 0.35) < 1e-6, "0.1·3 + 0.01·5; the bias is not penalised");
  tf.dispose([penalty!, ...variables]);
});

test("a task weight of 0 leaves that task's head untouched", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel();
  const head = Array.from(model.taskVariables.b![0]!.dataSync());
  await train(model, makeDataset(), { epochs: 1, batchSize: 64, tasks: { b: { weight: 0 } } });
  assert.deepEqual(Array.from(model.taskVariables.b![0]!.dataSync()), head);
  model.dispose();
});
