// weightedGradients in a hand-written loop over raw tf.variables, against aggregate on per-task gradients
// computed independently with tf.variableGrads; loss-based and representation modes; bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../src/backend";
import type { MtlError } from "../../src/errors";
import {
  aggregate,
  cagrad,
  checkWeighting,
  equal,
  mgda,
  nashMtl,
  pcgrad,
  upgrad,
  weightedGradients,
  type GradientWeighting,
  type WeightingMethod,
} from "../../src/weighting";

/** A two-layer regression net in raw variables: h = relu(x W1 + b1), ŷ_t = h w_t, L_t = mean (ŷ_t − y_t)². */
function rawModel(seed: number) {
  const rng = createRng(seed);
  const values = (n: number, scale: number) => Float32Array.from({ length: n }, () => scale * rng.normal());
  const x = tf.tensor2d(values(16 * 5, 1), [16, 5]);
  const targets = { left: tf.tensor2d(values(16, 1), [16, 1]), right: tf.tensor2d(values(16, 1), [16, 1]) };
  const w1 = tf.variable(tf.tensor2d(values(5 * 8, 0.5), [5, 8]));
  const b1 = tf.variable(tf.tensor1d(values(8, 0.1)));
  const heads = {
    left: tf.variable(tf.tensor2d(values(8, 0.5), [8, 1])),
    right: tf.variable(tf.tensor2d(values(8, 0.5), [8, 1])),
  };
  const trunk = () => tf.relu(tf.add(tf.matMul(x, w1), b1));
  const headLoss = (name: "left" | "right", h: tf.Tensor) =>
    tf.mean(tf.square(tf.sub(tf.matMul(h as tf.Tensor2D, heads[name]), targets[name]))) as tf.Scalar;
  const loss = (name: "left" | "right") => headLoss(name, trunk());
  const dispose = () => tf.dispose([x, targets.left, targets.right, w1, b1, heads.left, heads.right]);
  return { w1, b1, heads, trunk, headLoss, loss, dispose };
}

/** ‖a − b‖ / ‖b‖. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let difference = 0;
  let norm = 0;
  for (let i = 0; i < expected.length; i++) {
    difference += ((actual[i] as number) - (expected[i] as number)) ** 2;
    norm += (expected[i] as number) ** 2;
  }
  return Math.sqrt(difference / Math.max(norm, 1e-300));
}

const flat = (grads: tf.NamedTensorMap, variables: tf.Variable[]) =>
  variables.flatMap((v) => Array.from((grads[v.name] as tf.Tensor).dataSync()));

const methods: [string, () => GradientWeighting][] = [
  ["pcgrad", () => pcgrad()],
  ["mgda", () => mgda()],
  ["upgrad", () => upgrad()],
  ["nashMtl", () => nashMtl()],
  ["cagrad", () => cagrad()],
];

for (const [name, make] of methods) {
  test(`${name}: weightedGradients in a tf.train.sgd loop gives aggregate's shared update and each head its own gradient`, async () => {
    await initBackend({ backend: "cpu" });
    const model = rawModel(3);
    const shared = [model.w1, model.b1];
    const optimizer = tf.train.sgd(0.05);
    const method = make();
    const before = tf.memory().numTensors;
    for (let step = 0; step < 4; step++) {
      // Independent reference: each task's gradient with its own tf.variableGrads call.
      const own = (task: "left" | "right") => tf.variableGrads(() => model.loss(task), [...shared, model.heads[task]]);
      const left = own("left");
      const right = own("right");
      const rows = [flat(left.grads, shared), flat(right.grads, shared)];
      const expected = aggregate(method, rows, { step, rng: createRng(step), taskNames: ["left", "right"] });
      const { grads, weights, losses } = weightedGradients(
        () => ({ left: model.loss("left"), right: model.loss("right") }),
        {
          weighting: method,
          shared,
          tasks: { left: [model.heads.left], right: [model.heads.right] },
          context: { step, rng: createRng(step) },
        },
      );
      const error = relativeError(flat(grads, shared), expected.direction);
      assert.ok(error <= 1e-4, `${name} step ${step}: shared update off by ${error}`);
      assert.ok(
        relativeError(weights, expected.weights) <= 1e-4,
        `${name} step ${step}: weights ${weights} vs ${expected.weights}`,
      );
      for (const [task, reference] of [
        ["left", left],
        ["right", right],
      ] as const) {
        const head = model.heads[task];
        assert.ok(
          relativeError(flat(grads, [head]), flat(reference.grads, [head])) <= 1e-6,
          `${name} step ${step}: ${task} head`,
        );
      }
      assert.ok(Math.abs((losses[0] as number) - (left.value.dataSync()[0] as number)) <= 1e-6);
      assert.deepEqual(
        Object.keys(grads).sort(),
        [...shared, model.heads.left, model.heads.right].map((v) => v.name).sort(),
      );
      tf.dispose([left.value, right.value, ...Object.values(left.grads), ...Object.values(right.grads)]);
      optimizer.applyGradients(grads);
      tf.dispose(Object.values(grads));
      assert.equal(tf.memory().numTensors, before, `${name} step ${step}: no tensor left behind`);
    }
    optimizer.dispose();
    model.dispose();
  });
}

test("a loss-based method gives ∂total/∂θ everywhere (equal: the gradient of the mean loss)", async () => {
  await initBackend({ backend: "cpu" });
  const model = rawModel(4);
  const all = [model.w1, model.b1, model.heads.left, model.heads.right];
  const before = tf.memory().numTensors;
  const { grads, weights, mode } = weightedGradients(() => ({ left: model.loss("left"), right: model.loss("right") }), {
    weighting: equal(),
    shared: [model.w1, model.b1],
    tasks: { left: [model.heads.left], right: [model.heads.right] },
  });
  const reference = tf.variableGrads(
    () => tf.mul(tf.add(model.loss("left"), model.loss("right")), 0.5) as tf.Scalar,
    all,
  );
  assert.equal(mode, "loss");
  assert.deepEqual(Array.from(weights), [0.5, 0.5]);
  assert.ok(relativeError(flat(grads, all), flat(reference.grads, all)) <= 1e-6);
  tf.dispose([reference.value, ...Object.values(reference.grads), ...Object.values(grads)]);
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});

test("representation mode: the shared update is the gradient of Σ_t w_t L_t (MGDA-UB), one trunk pass, heads their own gradient", async () => {
  await initBackend({ backend: "cpu" });
  const model = rawModel(5);
  const shared = [model.w1, model.b1];
  let trunkPasses = 0;
  const before = tf.memory().numTensors;
  const result = weightedGradients(
    () => {
      trunkPasses += 1;
      return {
        representation: model.trunk(),
        heads: (z) => ({ left: model.headLoss("left", z), right: model.headLoss("right", z) }),
      };
    },
    { weighting: mgda(), shared, tasks: { left: [model.heads.left], right: [model.heads.right] } },
  );
  assert.equal(result.mode, "representation");
  assert.equal(trunkPasses, 1);
  const [wl, wr] = [result.weights[0] as number, result.weights[1] as number];
  const weighted = tf.variableGrads(
    () => tf.add(tf.mul(model.loss("left"), wl), tf.mul(model.loss("right"), wr)) as tf.Scalar,
    shared,
  );
  assert.ok(relativeError(flat(result.grads, shared), flat(weighted.grads, shared)) <= 1e-5);
  const head = tf.variableGrads(() => model.loss("left"), [model.heads.left]);
  assert.ok(relativeError(flat(result.grads, [model.heads.left]), flat(head.grads, [model.heads.left])) <= 1e-6);
  tf.dispose([
    weighted.value,
    head.value,
    ...Object.values(weighted.grads),
    ...Object.values(head.grads),
    ...Object.values(result.grads),
  ]);
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});

test("bad input: unknown kind, a variable both shared and task-owned, a task missing from the losses — MtlErrors naming it", async () => {
  await initBackend({ backend: "cpu" });
  const model = rawModel(6);
  const losses = () => ({ left: model.loss("left"), right: model.loss("right") });
  const tasks = { left: [model.heads.left], right: [model.heads.right] };
  const before = tf.memory().numTensors;
  const plainJs = {
    kind: "gradient",
    name: "myMethod",
    weigh: () => ({ weights: new Float64Array(2) }),
  } as unknown as WeightingMethod;
  assert.throws(
    () => weightedGradients(losses, { weighting: plainJs, shared: [model.w1], tasks }),
    (error: MtlError) =>
      error.code === "unknown-weighting-kind" &&
      /"myMethod" has kind "gradient", expected one of "loss", "gramian", "jacobian"/.test(error.message),
  );
  assert.throws(
    () => weightedGradients(losses, { weighting: mgda(), shared: [model.w1, model.heads.left], tasks }),
    (error: MtlError) =>
      error.code === "variable-shared-and-owned" &&
      error.message.includes(`variable "${model.heads.left.name}" is listed as shared and as task "left"'s own`),
  );
  for (const weighting of [mgda(), equal()]) {
    assert.throws(
      () =>
        weightedGradients(() => ({ left: model.loss("left"), rihgt: model.loss("right") }), {
          weighting,
          shared: [model.w1, model.b1],
          tasks,
        }),
      (error: MtlError) =>
        error.code === "missing-task-loss" &&
        /no loss for task "right" \(it returned "left", "rihgt"\)/.test(error.message),
    );
  }
  assert.throws(
    () =>
      weightedGradients(() => ({ left: model.loss("left"), right: tf.div(model.loss("right"), 0) as tf.Scalar }), {
        weighting: mgda(),
        shared: [model.w1, model.b1],
        tasks,
        context: { step: 7 },
      }),
    (error: MtlError) =>
      error.code === "non-finite-loss" && /task "right" has loss Infinity at step 7/.test(error.message),
  );
  assert.equal(tf.memory().numTensors, before, "nothing left behind on the error paths");
  model.dispose();
});

test("a method object without its kind's function is rejected by the compiler, and at run time from plain JavaScript", () => {
  // @ts-expect-error a Gramian method needs weigh
  const noWeigh: WeightingMethod = { kind: "gramian", name: "noWeigh" };
  // @ts-expect-error a Jacobian method needs combine (combineTensor alone is not enough)
  const noCombine: WeightingMethod = { kind: "jacobian", name: "noCombine", combineTensor: () => assert.fail() };
  // @ts-expect-error a loss method needs combine
  const noTotal: WeightingMethod = { kind: "loss", name: "noTotal" };
  for (const [method, required] of [
    [noWeigh, "weigh"],
    [noCombine, "combine"],
    [noTotal, "combine"],
  ] as const) {
    assert.throws(
      () => checkWeighting(method),
      (error: MtlError) =>
        error.code === "method-without-function" && error.message.includes(`has no function ${required}`),
    );
  }
  const custom: WeightingMethod = {
    kind: "gramian",
    name: "half",
    weigh: (_gramian, context) => ({ weights: new Float64Array(context.taskNames.length).fill(0.5) }),
  };
  assert.deepEqual(
    Array.from(
      aggregate(custom as GradientWeighting, [
        [1, 0],
        [0, 1],
      ]).direction,
    ),
    [0.5, 0.5],
  );
});
