// train({ freeze }): frozen groups stay bit-identical, get no optimizer, and unknown names list the groups.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { train } from "../../src/train";
import { prepareRun } from "../../src/train/prepare-run";
import { mgda } from "../../src/weighting";
import { throwsCode } from "../tasks/throws-code";
import { makeDataset, makeModel } from "./fixtures";

const snapshot = (variables: readonly tf.Variable[]) => variables.map((v) => Array.from(v.dataSync()));

for (const backend of ["cpu", "wasm"] as const) {
  test(`${backend}: freeze: ["shared"] keeps the trunk bit-identical and trains the heads`, async () => {
    await initBackend({ backend });
    const model = makeModel(3);
    const trunk = snapshot(model.sharedVariables);
    const heads = snapshot(model.taskVariables.a!);
    const before = tf.memory().numTensors;
    const history = await train(model, makeDataset(), {
      epochs: 2,
      seed: 1,
      optimizer: { learningRate: 0.01 },
      freeze: ["shared"],
      learningRates: { shared: 0.1 },
    });
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual(snapshot(model.sharedVariables), trunk);
    assert.notDeepEqual(snapshot(model.taskVariables.a!), heads);
    assert.ok(history.epochs[1]!.train.losses.a! < history.epochs[0]!.train.losses.a!);
    model.dispose();
  });
}

test("a frozen task keeps its head and gets no optimizer; the others train", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel(4);
  const headB = snapshot(model.taskVariables.b!);
  const trunk = snapshot(model.sharedVariables);
  const run = prepareRun(model, makeDataset(), { freeze: ["b"] });
  assert.deepEqual(
    run.groups.map((group) => group.name),
    ["shared", "a"],
  );
  assert.ok(!run.variables.some((v) => model.taskVariables.b!.includes(v)));
  run.groups.forEach((group) => group.optimizer.dispose());
  await train(model, makeDataset(), { epochs: 1, seed: 2, freeze: ["b"] });
  assert.deepEqual(snapshot(model.taskVariables.b!), headB);
  assert.notDeepEqual(snapshot(model.sharedVariables), trunk);
  model.dispose();
});

test("freeze naming no group lists the groups; a gradient method with a frozen trunk is refused", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel(5);
  throwsCode(
    () => prepareRun(model, makeDataset(), { freeze: ["trunk"] }),
    "unknown-group",
    /freeze names group "trunk".*"shared", "a", "b"/,
  );
  throwsCode(
    () => prepareRun(model, makeDataset(), { freeze: ["shared"], weighting: mgda() }),
    "frozen-shared-gradient-method",
    /mgda/,
  );
  model.dispose();
});
