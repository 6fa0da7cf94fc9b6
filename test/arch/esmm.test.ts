import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { esmm } from "../../src/arch/esmm";
import {
  batchFor,
  checkNoLeaks,
  checkOwnership,
  checkRepresentation,
  checkShapes,
  disposeAll,
} from "./support/model-checks";

before(async () => {
  await initBackend({ backend: "cpu" });
});

test("esmm: two binary tasks on all impressions; the CVR tower is reached only by the CTCVR loss", () => {
  const model = esmm({
    inputShape: [6],
    hidden: [5],
    towerHidden: [4],
    names: { ctr: "click", ctcvr: "buy" },
    seed: 1,
  });
  assert.deepEqual(
    model.tasks.map((task) => [task.name, task.kind]),
    [
      ["click", "binary"],
      ["buy", "binary"],
    ],
  );
  const inputs = batchFor(model, [7, 6]);
  checkShapes(model, inputs, 7);
  checkOwnership(model, inputs);
  assert.deepEqual(model.taskVariables.click, []);
  assert.equal(model.taskVariables.buy!.length, 4);
  checkRepresentation(model, inputs);
  checkNoLeaks(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("esmm: sigmoid of the ctcvr logit is pCTR × pCVR, and predict gives the probabilities", () => {
  const model = esmm({ inputShape: [6], seed: 2 });
  const inputs = batchFor(model, [9, 6]);
  const probabilities = model.inspect!(inputs);
  const predicted = model.predict(inputs);
  tf.tidy(() => {
    const product = tf.mul(probabilities.pCtr!, probabilities.pCvr!);
    assert.ok(tf.max(tf.abs(tf.sub(predicted.ctcvr!, product))).dataSync()[0]! < 1e-6);
    assert.ok(tf.max(tf.abs(tf.sub(probabilities.pCtcvr!, product))).dataSync()[0]! < 1e-7);
    assert.ok(tf.max(tf.abs(tf.sub(predicted.ctr!, probabilities.pCtr!))).dataSync()[0]! < 1e-7);
  });
  disposeAll({ ...probabilities, ...predicted });
  model.dispose();
  disposeAll(inputs);
});
