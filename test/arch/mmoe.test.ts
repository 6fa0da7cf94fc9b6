import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { mmoe, omoe } from "../../src/arch/mmoe";
import {
  batchFor,
  checkGates,
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

test("mmoe: shapes, ownership, representation [B, E, d], gates sum to one, no leaks", () => {
  const model = mmoe({ tasks: threeTasks, inputShape: [6], experts: 3, expertHidden: [5], towerHidden: [4], seed: 1 });
  const inputs = batchFor(model, [7, 6]);
  checkShapes(model, inputs, 7);
  checkOwnership(model, inputs);
  const z = model.representation!(inputs, { training: false });
  assert.deepEqual(z.shape, [7, 3, 5]);
  z.dispose();
  checkRepresentation(model, inputs);
  const gates = model.inspect!(inputs);
  assert.deepEqual(Object.keys(gates), ["gate/a", "gate/b", "gate/c"]);
  assert.deepEqual(gates["gate/a"]!.shape, [7, 3]);
  assert.equal(checkGates(gates), 3);
  disposeAll(gates);
  checkNoLeaks(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("mmoe: the task outputs are the towers applied to Σ_e g_e f_e (Ma et al. 2018 §4.3), recomputed by hand", () => {
  const tasks = [{ name: "y", kind: "regression" as const }];
  const model = mmoe({
    tasks,
    inputShape: [2],
    experts: 2,
    expertHidden: [3],
    towerHidden: [],
    activation: "linear",
    seed: 4,
  });
  const inputs = batchFor(model, [4, 2], 9);
  const x = inputs.x!;
  tf.tidy(() => {
    const [e0k, e0b, e1k, e1b, gk, gb, hk, hb] = [...model.sharedVariables, ...model.taskVariables.y!];
    const dense = (input: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor) =>
      tf.add(tf.matMul(input as tf.Tensor2D, kernel as tf.Tensor2D), bias);
    const f0 = dense(x, e0k!, e0b!);
    const f1 = dense(x, e1k!, e1b!);
    const g = tf.softmax(dense(x, gk!, gb!));
    const mixed = tf.add(tf.mul(f0, tf.slice(g, [0, 0], [-1, 1])), tf.mul(f1, tf.slice(g, [0, 1], [-1, 1])));
    const expected = dense(mixed, hk!, hb!);
    const found = model.forward(inputs, { training: false }).y!;
    assert.ok(tf.max(tf.abs(tf.sub(found, expected))).dataSync()[0]! < 1e-5);
  });
  model.dispose();
  disposeAll(inputs);
});

test("omoe: one shared gate; representation is the mixture [B, d]", () => {
  const model = omoe({ tasks: threeTasks, inputShape: [6], experts: 3, expertHidden: [5], towerHidden: [4], seed: 2 });
  const inputs = batchFor(model, [5, 6]);
  checkShapes(model, inputs, 5);
  checkOwnership(model, inputs);
  const z = model.representation!(inputs, { training: false });
  assert.deepEqual(z.shape, [5, 5]);
  z.dispose();
  checkRepresentation(model, inputs);
  const gates = model.inspect!(inputs);
  assert.deepEqual(Object.keys(gates), ["gate/shared"]);
  assert.equal(checkGates(gates), 1);
  disposeAll(gates);
  checkNoLeaks(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("mmoe: heads without a matching representation call fail clearly", () => {
  const model = mmoe({ tasks: threeTasks, inputShape: [6], seed: 3 });
  const z = tf.zeros([2, 4, 16]);
  assert.throws(() => model.heads!(z, { training: false }), {
    name: "MtlError",
    message: /heads-without-representation|representation\(\)/,
  });
  z.dispose();
  model.dispose();
});
