import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { crossStitch } from "../../src/arch/cross-stitch";
import { batchFor, checkNoLeaks, checkOwnership, checkShapes, disposeAll } from "./support/model-checks";
import { threeTasks, twoTasks } from "./support/fixtures";

before(async () => {
  await initBackend({ backend: "cpu" });
});

test("crossStitch: shapes, towers and stitches shared through the mixing, heads per task, no leaks", () => {
  const model = crossStitch({ tasks: threeTasks, inputShape: [5], hidden: [4, 3], seed: 1 });
  const inputs = batchFor(model, [6, 5]);
  checkShapes(model, inputs, 6);
  checkOwnership(model, inputs);
  assert.equal(model.representation, undefined);
  checkNoLeaks(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("crossStitch: coefficients start at α_S on the diagonal and α_D = (1 − α_S)/(T − 1) elsewhere", () => {
  const model = crossStitch({ tasks: threeTasks, inputShape: [5], hidden: [4, 3], alphaSame: 0.8, seed: 1 });
  const inputs = batchFor(model, [2, 5]);
  const stitches = model.inspect!(inputs);
  assert.deepEqual(Object.keys(stitches), ["stitch/0", "stitch/1"]);
  const alpha = stitches["stitch/1"]!.arraySync() as number[][];
  alpha.forEach((row, t) => row.forEach((value, s) => assert.ok(Math.abs(value - (s === t ? 0.8 : 0.1)) < 1e-6)));
  disposeAll(stitches);
  model.dispose();
  disposeAll(inputs);
});

test("crossStitch: with α = I the towers are independent; with α = ½·ones both tasks see the same activations", () => {
  const tasks = twoTasks;
  const identity = crossStitch({ tasks, inputShape: [4], hidden: [3], alphaSame: 1, alphaDifferent: 0, seed: 2 });
  const inputs = batchFor(identity, [5, 4]);
  // with α = I, zeroing tower "right" changes nothing in "left"
  const before = identity.forward(inputs, { training: false });
  const rightTower = identity.sharedVariables.slice(2, 4);
  rightTower.forEach((variable) => variable.assign(tf.zerosLike(variable)));
  const after = identity.forward(inputs, { training: false });
  assert.deepEqual(after.left!.dataSync(), before.left!.dataSync());
  assert.notDeepEqual(after.right!.dataSync(), before.right!.dataSync());
  const averaged = crossStitch({ tasks, inputShape: [4], hidden: [3], alphaSame: 0.5, alphaDifferent: 0.5, seed: 2 });
  const [leftHead, rightHead] = [averaged.taskVariables.left!, averaged.taskVariables.right!];
  rightHead.forEach((variable, i) => variable.assign(leftHead[i]!));
  const mixed = averaged.forward(inputs, { training: false });
  assert.ok(tf.tidy(() => tf.max(tf.abs(tf.sub(mixed.left!, mixed.right!))).dataSync()[0]!) < 1e-6);
  disposeAll({
    ...before,
    ...Object.fromEntries(Object.entries(after).map(([k, v]) => [`a${k}`, v])),
    ...Object.fromEntries(Object.entries(mixed).map(([k, v]) => [`m${k}`, v])),
  });
  identity.dispose();
  averaged.dispose();
  disposeAll(inputs);
});

test("crossStitch: the stitch coefficients receive gradients and change when trained", () => {
  const model = crossStitch({ tasks: twoTasks, inputShape: [4], hidden: [3], seed: 3 });
  const inputs = batchFor(model, [8, 4]);
  const alpha = model.sharedVariables[model.sharedVariables.length - 1]!;
  const start = alpha.arraySync() as number[][];
  const optimizer = tf.train.sgd(0.5);
  for (let step = 0; step < 5; step++) {
    optimizer.minimize(() => {
      const out = model.forward(inputs, { training: true });
      return tf.add(tf.mean(tf.square(tf.sub(out.left!, 1))), tf.mean(tf.square(tf.add(out.right!, 1)))) as tf.Scalar;
    });
  }
  const end = alpha.arraySync() as number[][];
  assert.notDeepEqual(end, start);
  optimizer.dispose();
  model.dispose();
  disposeAll(inputs);
});
