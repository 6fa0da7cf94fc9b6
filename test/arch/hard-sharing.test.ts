import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, clearSeed } from "../../src/backend";
import { MtlError } from "../../src/errors";
import { hardSharing, mlp, countParameters, variableGroups } from "../../src/arch";
import type { Task } from "../../src/tasks";

const tasks: Task[] = [
  { name: "a", kind: "classification", classes: 3 },
  { name: "b", kind: "regression" },
];

function build(seed = 1): ReturnType<typeof hardSharing> {
  return hardSharing({
    trunk: mlp({ inputShape: [8], hidden: [16] }),
    tasks,
    seed,
    head: { hidden: [4] },
    heads: { b: { hidden: [] } },
  });
}

test("hard sharing reports shared and per-task variables and hand-counted parameters", async () => {
  await initBackend({ backend: "cpu" });
  const model = build();
  // trunk 8·16 + 16; head a: 16·4 + 4 then 4·3 + 3; head b: 16·1 + 1
  assert.deepEqual(countParameters(model), { shared: 144, tasks: { a: 68 + 15, b: 17 }, total: 144 + 83 + 17 });
  const names = variableGroups(model).map((group) => group.variables.map((v) => v.name));
  const all = names.flat();
  assert.equal(new Set(all).size, all.length, "no variable in two groups");
  assert.deepEqual(
    variableGroups(model).map((g) => g.name),
    ["shared", "a", "b"],
  );
  assert.deepEqual(model.inputNames, ["x"]);
  assert.equal((model.config as { architecture: string }).architecture, "hardSharing");
  model.dispose();
  clearSeed();
});

test("a task's loss reaches the shared variables and its own head only", async () => {
  await initBackend({ backend: "cpu" });
  const model = build();
  const x = tf.randomNormal([4, 8]);
  const { value, grads } = tf.variableGrads(() => tf.sum(model.forward({ x }, { training: true }).a!) as tf.Scalar);
  const reached = new Set(Object.keys(grads));
  for (const v of model.sharedVariables) assert.ok(reached.has(v.name));
  for (const v of model.taskVariables.a!) assert.ok(reached.has(v.name));
  for (const v of model.taskVariables.b!)
    assert.ok(!reached.has(v.name), "task b's head must not get task a's gradient");
  tf.dispose([value, x, ...Object.values(grads)]);
  model.dispose();
});

test("heads(representation(x)) equals forward(x), and predict applies each kind's activation", async () => {
  await initBackend({ backend: "cpu" });
  const model = build();
  const x = tf.randomNormal([5, 8]);
  const before = tf.memory().numTensors;
  const direct = model.forward({ x }, { training: false });
  const z = model.representation!({ x }, { training: false });
  const viaZ = model.heads!(z, { training: false });
  assert.deepEqual(z.shape, [5, 16]);
  for (const name of ["a", "b"])
    assert.deepEqual(Array.from(direct[name]!.dataSync()), Array.from(viaZ[name]!.dataSync()));
  const predicted = model.predict({ x });
  const sums = tf.sum(predicted.a!, 1);
  sums.dataSync().forEach((s) => assert.ok(Math.abs(s - 1) < 1e-5));
  assert.deepEqual(Array.from(predicted.b!.dataSync()), Array.from(direct.b!.dataSync()));
  tf.dispose([sums, z, ...Object.values(direct), ...Object.values(viaZ), ...Object.values(predicted)]);
  assert.equal(tf.memory().numTensors, before, "forward, heads and predict leave no tensors behind");
  x.dispose();
  model.dispose();
});

test("the seed fixes initial weights; dispose frees every variable", async () => {
  await initBackend({ backend: "cpu" });
  const before = tf.memory().numTensors;
  const first = build(3);
  const second = build(3);
  const third = build(4);
  const values = (m: typeof first): number[] => Array.from(m.sharedVariables[0]!.dataSync());
  assert.deepEqual(values(first), values(second));
  assert.notDeepEqual(values(first), values(third));
  [first, second, third].forEach((m) => m.dispose());
  assert.equal(tf.memory().numTensors, before);
  clearSeed();
});

test("hard sharing validates its tasks at construction and its input at forward", async () => {
  await initBackend({ backend: "cpu" });
  assert.throws(
    () =>
      hardSharing({
        trunk: mlp({ inputShape: [4] }),
        tasks: [{ name: "box", kind: "bbox", loss: "binaryCrossEntropy" }],
      }),
    (error: unknown) =>
      error instanceof MtlError && error.code === "loss-kind-mismatch" && /task "box"/.test(error.message),
  );
  const model = build();
  const image = tf.zeros([1, 8]);
  assert.throws(
    () => model.forward({ image }, { training: false }),
    (error: unknown) =>
      error instanceof MtlError &&
      error.code === "missing-input" &&
      /set the model's inputName to one of "image"/.test(error.message),
  );
  image.dispose();
  model.dispose();
});
