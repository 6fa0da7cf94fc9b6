// addTask: one more head on the shared trunk, old outputs bit-identical before training, bad names refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { addTask, countParameters } from "../../src/arch";
import { evaluate, train } from "../../src/train";
import { makeDataset, makeModel, makeSplit } from "../train/fixtures";
import { throwsCode } from "../tasks/throws-code";

for (const backend of ["cpu", "wasm"] as const) {
  test(`${backend}: addTask keeps the old outputs bit-identical and adds one head`, async () => {
    await initBackend({ backend });
    const model = makeModel(2);
    await train(model, makeDataset(), { epochs: 1, seed: 0 });
    const x = tf.tensor2d(makeSplit(32, 9).inputs.x!.values as Float32Array, [32, 4]);
    const before = model.forward({ x }, { training: false });
    const grown = addTask(model, { name: "c", kind: "classification", classes: 2 }, { seed: 1, head: { hidden: [8] } });
    const live = tf.memory().numTensors;
    const after = grown.forward({ x }, { training: false });
    for (const name of ["a", "b"])
      assert.deepEqual(Array.from(after[name]!.dataSync()), Array.from(before[name]!.dataSync()), name);
    assert.deepEqual(after.c!.shape, [32, 2]);
    assert.deepEqual(
      grown.tasks.map((task) => task.name),
      ["a", "b", "c"],
    );
    assert.equal(countParameters(grown).tasks.c, 16 * 8 + 8 + 8 * 2 + 2);
    assert.equal(countParameters(grown).shared, countParameters(model).shared);
    tf.dispose([...Object.values(after)]);
    assert.equal(tf.memory().numTensors, live);
    const scores = evaluate(grown, {
      ...makeSplit(16, 3),
      targets: { ...makeSplit(16, 3).targets, c: { values: new Int32Array(16), shape: [], dtype: "int32" } },
    });
    assert.ok(Number.isFinite(scores.losses.c!));
    tf.dispose([x, ...Object.values(before)]);
    grown.dispose();
  });
}

test("addTask refuses an existing name, listing the tasks", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel(1);
  throwsCode(
    () => addTask(model, { name: "a", kind: "regression" }),
    "duplicate-task",
    /already has a task "a".*"a", "b"/,
  );
  model.dispose();
});
