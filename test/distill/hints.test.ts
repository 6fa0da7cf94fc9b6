// FitNets hints through the trainer: a regression task added with addTask regresses the student's
// representation onto the teacher's (the new head is the learned projection), and the hint loss falls.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { addTask, hardSharing, mlp } from "../../src/arch";
import { hintLoss, teacherHints } from "../../src/distill";
import { train } from "../../src/train";
import { makeDataset, makeModel, tasks } from "../train/fixtures";

test("a student trained on a teacher's hints moves its projected representation towards them", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset(5);
  const teacher = makeModel(9);
  await train(teacher, data, { epochs: 3, seed: 1, optimizer: { learningRate: 0.01 } });
  const hints = teacherHints(teacher, data.train);
  assert.deepEqual(hints.shape, [16]);
  const student = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks, seed: 4 });
  const guided = addTask(student, { name: "hint", kind: "regression", size: 16 }, { seed: 5 });
  const split = { ...data.train, targets: { ...data.train.targets, hint: hints } };
  const x = tf.tensor2d(data.train.inputs.x!.values as Float32Array, [data.train.size, 4]);
  const target = tf.tensor2d(hints.values as Float32Array, [data.train.size, 16]);
  const measure = () =>
    tf.tidy(() => hintLoss(guided.forward({ x }, { training: false }).hint!, target).dataSync()[0]!);
  const before = measure();
  const live = tf.memory().numTensors;
  const history = await train(guided, split, {
    epochs: 5,
    seed: 2,
    optimizer: { learningRate: 0.01 },
    validation: false,
    test: false,
  });
  assert.equal(tf.memory().numTensors, live);
  const after = measure();
  assert.ok(after < 0.5 * before, `hint loss ${before} → ${after}`);
  assert.ok(history.epochs[4]!.train.losses.hint! < history.epochs[0]!.train.losses.hint!);
  tf.dispose([x, target]);
  guided.dispose();
  teacher.dispose();
});
