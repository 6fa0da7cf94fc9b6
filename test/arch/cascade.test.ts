import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { cascade } from "../../src/arch/cascade";
import {
  batchFor,
  checkNoLeaks,
  checkOwnership,
  checkRepresentation,
  checkShapes,
  disposeAll,
} from "./support/model-checks";
import { threeTasks } from "./support/fixtures";

before(async () => {
  await initBackend({ backend: "cpu" });
});

test("cascade end to end: towers before the last are shared, representation carries their raw outputs", () => {
  const model = cascade({ tasks: threeTasks, inputShape: [6], hidden: [5], towerHidden: [4], seed: 1 });
  const inputs = batchFor(model, [7, 6]);
  checkShapes(model, inputs, 7);
  checkOwnership(model, inputs);
  assert.deepEqual(model.taskVariables.a, []);
  assert.deepEqual(model.taskVariables.b, []);
  assert.equal(model.taskVariables.c!.length, 4);
  const z = model.representation!(inputs, { training: false });
  assert.deepEqual(z.shape, [7, 5 + 3 + 2]);
  z.dispose();
  checkRepresentation(model, inputs);
  checkNoLeaks(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("cascade detached: each tower is its task's own and the representation is the trunk", () => {
  const model = cascade({ tasks: threeTasks, inputShape: [6], hidden: [5], towerHidden: [4], detach: true, seed: 2 });
  const inputs = batchFor(model, [7, 6]);
  checkShapes(model, inputs, 7);
  checkOwnership(model, inputs);
  for (const task of threeTasks) assert.equal(model.taskVariables[task.name]!.length, 4);
  const z = model.representation!(inputs, { training: false });
  assert.deepEqual(z.shape, [7, 5]);
  z.dispose();
  checkRepresentation(model, inputs);
  checkNoLeaks(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("cascade: task k reads task k−1's prediction (softmax, sigmoid) or its raw output", () => {
  for (const feed of ["prediction", "raw"] as const) {
    const model = cascade({ tasks: threeTasks, inputShape: [6], feed, seed: 3 });
    const inputs = batchFor(model, [3, 6]);
    const out = model.forward(inputs, { training: false });
    const feeds = model.inspect!(inputs);
    assert.deepEqual(Object.keys(feeds), ["feed/b", "feed/c"]);
    const expected = feed === "raw" ? tf.clone(out.a!) : tf.softmax(out.a!);
    assert.ok(tf.tidy(() => tf.max(tf.abs(tf.sub(feeds["feed/b"]!, expected))).dataSync()[0]!) < 1e-6, feed);
    disposeAll({ ...out, ...feeds, expected });
    model.dispose();
    disposeAll(inputs);
  }
});
