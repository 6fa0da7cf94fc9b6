// The one-forward step (taskGradients: one forward, T backward passes) against the T-pass step it replaced, in
// param and representation mode: every gradient method gives the same weights, shared update, head gradients
// and losses within 1e-5 over several steps (stateful methods carry their state), with nothing left behind.
// Plus taskGradients against tf.variableGrads directly.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../src/backend";
import * as weighting from "../../src/weighting";
import type { GradientWeighting, WeightingContext } from "../../src/weighting";
import { dispatchGradients } from "../../src/weighting/dispatch";
import { taskGradients } from "../../src/weighting/task-gradients";

const taskNames = ["a", "b", "c"] as const;
type Name = (typeof taskNames)[number];

/** Trunk h = tanh(x W + b) (16 × 6); task t's head: relu(h U_t) v_t, a loss per task (two mse, one mae). */
function model(seed: number) {
  const rng = createRng(seed);
  const values = (n: number, scale: number) => Float32Array.from({ length: n }, () => scale * rng.normal());
  const x = tf.tensor2d(values(16 * 5, 1), [16, 5]);
  const w = tf.variable(tf.tensor2d(values(30, 0.5), [5, 6]));
  const b = tf.variable(tf.tensor1d(values(6, 0.1)));
  const head = (name: Name) => ({
    u: tf.variable(tf.tensor2d(values(24, 0.5), [6, 4])),
    v: tf.variable(tf.tensor2d(values(4, 0.5), [4, 1])),
    y: tf.tensor2d(values(16, 1), [16, 1]),
  });
  const heads = { a: head("a"), b: head("b"), c: head("c") };
  const trunk = () => tf.tanh(tf.add(tf.matMul(x, w), b)) as tf.Tensor2D;
  const headLoss = (name: Name, z: tf.Tensor) => {
    const { u, v, y } = heads[name];
    const error = tf.sub(tf.matMul(tf.relu(tf.matMul(z as tf.Tensor2D, u)), v), y);
    return (name === "c" ? tf.mean(tf.abs(error)) : tf.mean(tf.square(error))) as tf.Scalar;
  };
  const own = (name: Name) => [heads[name].u, heads[name].v];
  const dispose = () => tf.dispose([x, w, b, ...taskNames.flatMap((n) => [heads[n].u, heads[n].v, heads[n].y])]);
  return { shared: [w, b], trunk, headLoss, own, dispose };
}

/** The T-pass representation step: one tf.variableGrads per task through the heads, J on the device. */
function slowStep(m: ReturnType<typeof model>, method: GradientWeighting, context: Omit<WeightingContext, "losses">) {
  const z = tf.tidy(() => m.trunk());
  const copy = tf.variable(z, true);
  const passes = taskNames.map((name) => tf.variableGrads(() => m.headLoss(name, copy), [copy, ...m.own(name)]));
  const losses = Float64Array.from(passes, (pass) => pass.value.dataSync()[0] as number);
  const jacobian = tf.tidy(() => tf.stack(passes.map((pass) => tf.reshape(pass.grads[copy.name]!, [-1]))));
  const weighed = dispatchGradients(method, jacobian as tf.Tensor2D, { ...context, losses });
  const c = tf.reshape(weighed.direction, z.shape);
  const trunk = tf.variableGrads(() => tf.sum(tf.mul(m.trunk(), c)) as tf.Scalar, m.shared);
  const grads: tf.NamedTensorMap = { ...trunk.grads };
  passes.forEach((pass, t) => m.own(taskNames[t]!).forEach((v) => (grads[v.name] = tf.clone(pass.grads[v.name]!))));
  tf.dispose([z, copy, jacobian, c, weighed.direction, trunk.value]);
  tf.dispose(passes.flatMap((pass) => [pass.value, ...Object.values(pass.grads)]));
  return { grads, weights: weighed.weights, losses };
}

/** The T-pass param step: one tf.variableGrads of the whole model per task, J on the device. */
function slowParamStep(
  m: ReturnType<typeof model>,
  method: GradientWeighting,
  context: Omit<WeightingContext, "losses">,
) {
  const passes = taskNames.map((name) =>
    tf.variableGrads(() => m.headLoss(name, m.trunk()), [...m.shared, ...m.own(name)]),
  );
  const losses = Float64Array.from(passes, (pass) => pass.value.dataSync()[0] as number);
  const jacobian = tf.tidy(() =>
    tf.stack(passes.map((pass) => tf.concat(m.shared.map((v) => tf.reshape(pass.grads[v.name]!, [-1]))))),
  );
  const weighed = dispatchGradients(method, jacobian as tf.Tensor2D, { ...context, losses });
  const grads: tf.NamedTensorMap = {};
  let offset = 0;
  for (const v of m.shared) {
    grads[v.name] = tf.tidy(() => tf.reshape(tf.slice(weighed.direction, offset, v.size), v.shape));
    offset += v.size;
  }
  passes.forEach((pass, t) => m.own(taskNames[t]!).forEach((v) => (grads[v.name] = tf.clone(pass.grads[v.name]!))));
  tf.dispose([jacobian, weighed.direction]);
  tf.dispose(passes.flatMap((pass) => [pass.value, ...Object.values(pass.grads)]));
  return { grads, weights: weighed.weights, losses };
}

function maxRelative(actual: tf.Tensor, expected: tf.Tensor): number {
  const [a, e] = [actual.dataSync(), expected.dataSync()];
  let scale = 1e-12;
  e.forEach((value) => (scale = Math.max(scale, Math.abs(value))));
  let worst = 0;
  e.forEach((value, i) => (worst = Math.max(worst, Math.abs((a[i] as number) - value) / scale)));
  return worst;
}

const methods: [string, () => GradientWeighting][] = [
  ["mgda", () => weighting.mgda()],
  ["pcgrad", () => weighting.pcgrad()],
  ["gradVac", () => weighting.gradVac()],
  ["gradDrop", () => weighting.gradDrop()],
  ["cagrad", () => weighting.cagrad()],
  ["imtlG", () => weighting.imtlG()],
  ["nashMtl", () => weighting.nashMtl()],
  ["alignedMtl", () => weighting.alignedMtl()],
  ["upgrad", () => weighting.upgrad()],
  ["dualProj", () => weighting.dualProj()],
  ["gradNorm", () => weighting.gradNorm()],
];

for (const [name, make] of methods) {
  for (const mode of ["representation", "param"] as const) {
    test(`${name}, ${mode} mode: the one-forward step equals the T-pass one within 1e-5`, async () => {
      await initBackend({ backend: "cpu" });
      const m = model(7);
      const [fast, slow] = [make(), make()];
      const before = tf.memory().numTensors;
      for (let step = 0; step < 3; step++) {
        const context = { step, epoch: 0, rng: createRng(step), taskNames: [...taskNames] };
        const expected = mode === "param" ? slowParamStep(m, slow, context) : slowStep(m, slow, context);
        const heads = (z: tf.Tensor) => ({ a: m.headLoss("a", z), b: m.headLoss("b", z), c: m.headLoss("c", z) });
        const result = weighting.weightedGradients(
          () => (mode === "param" ? heads(m.trunk()) : { representation: m.trunk(), heads }),
          {
            weighting: fast,
            shared: m.shared,
            tasks: { a: m.own("a"), b: m.own("b"), c: m.own("c") },
            context: { step, epoch: 0, rng: createRng(step) },
          },
        );
        assert.equal(result.mode, mode);
        assert.deepEqual(Object.keys(result.grads).sort(), Object.keys(expected.grads).sort());
        for (const [variable, g] of Object.entries(expected.grads)) {
          const error = maxRelative(result.grads[variable]!, g);
          assert.ok(error <= 1e-5, `${name} ${mode} step ${step}: ${variable} off by ${error}`);
        }
        result.weights.forEach((w, t) =>
          assert.ok(
            Math.abs(w - expected.weights[t]!) <= 1e-5,
            `${name} ${mode} step ${step}: weights ${result.weights}`,
          ),
        );
        result.losses.forEach((loss, t) => assert.ok(Math.abs(loss - expected.losses[t]!) <= 1e-6));
        tf.dispose([...Object.values(result.grads), ...Object.values(expected.grads)]);
      }
      weighting.moveStateToHost(fast);
      weighting.moveStateToHost(slow);
      assert.equal(tf.memory().numTensors, before, `${name}: no tensor left behind`);
      m.dispose();
    });
  }
}

test("taskGradients: one forward, each loss's gradient w.r.t. its own variables, as tf.variableGrads gives it", async () => {
  await initBackend({ backend: "cpu" });
  const m = model(11);
  const z = () => m.trunk();
  const variables = taskNames.map((name) => [...m.shared, ...m.own(name)]);
  const before = tf.memory().numTensors;
  let forwards = 0;
  const { losses, grads } = taskGradients(
    () => {
      forwards += 1;
      const h = z();
      return taskNames.map((name) => m.headLoss(name, h));
    },
    (t) => variables[t]!,
  );
  assert.equal(forwards, 1);
  taskNames.forEach((name, t) => {
    const reference = tf.variableGrads(() => m.headLoss(name, z()), variables[t]!);
    assert.ok(Math.abs(losses[t]!.dataSync()[0]! - reference.value.dataSync()[0]!) <= 1e-7);
    for (const v of variables[t]!) {
      assert.ok(maxRelative(grads[t]![v.name]!, reference.grads[v.name]!) <= 1e-6, `${name}: ${v.name}`);
    }
    tf.dispose([reference.value, ...Object.values(reference.grads)]);
  });
  tf.dispose([...losses, ...grads.flatMap((g) => Object.values(g))]);
  assert.equal(tf.memory().numTensors, before, "the tape's saved tensors are freed");
  // An error in the forward leaves nothing behind and no tape open.
  assert.throws(
    () =>
      taskGradients(
        () => {
          m.trunk();
          throw new Error("boom");
        },
        (t) => variables[t]!,
      ),
    /boom/,
  );
  assert.equal(tf.memory().numTensors, before);
  assert.equal(tf.engine().state.gradientDepth, 0);
  m.dispose();
});
