// Teacher annealing's schedule, and a distilled student trained through the ordinary trainer.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { distillationData, teacherAnnealing, teacherOutputs } from "../../src/distill";
import { evaluate, train } from "../../src/train";
import { uncertainty } from "../../src/weighting";
import { makeDataset, makeModel, tasks } from "../train/fixtures";
import { throwsCode } from "../tasks/throws-code";

test("λ = step / totalSteps, reaching 1 at the end; onStep sets λ for the next step", () => {
  const annealing = teacherAnnealing({ totalSteps: 10 });
  assert.equal(annealing.lambda, 0);
  assert.deepEqual(
    [0, 1, 5, 10, 20].map((step) => annealing.at(step)),
    [0, 0.1, 0.5, 1, 1],
  );
  const seen: number[] = [];
  for (let step = 0; step < 10; step++) {
    seen.push(annealing.lambda);
    annealing.onStep({ step });
  }
  assert.deepEqual(
    seen.map((v) => +v.toFixed(10)),
    [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  );
  assert.equal(annealing.lambda, 1);
  throwsCode(() => teacherAnnealing({ totalSteps: 0 }), "bad-option", /totalSteps 0/);
});

test("a student distilled with annealing under uncertainty weighting learns both tasks; the λ seen by the loss follows the schedule", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset(2);
  const teacher = makeModel(7);
  await train(teacher, data, { epochs: 6, seed: 1, optimizer: { learningRate: 0.01 } });
  const teacherScores = evaluate(teacher, data.test).metrics;
  const weighting = uncertainty({ taskCount: 2 }); // its two log-variances live as long as the method
  const live = tf.memory().numTensors;
  const epochs = 6,
    steps = epochs * Math.ceil(data.train.size / 32);
  const annealing = teacherAnnealing({ totalSteps: steps });
  const run = distillationData(data.train, {
    tasks,
    teachers: teacherOutputs(teacher, data.train),
    temperature: 2,
    annealing,
  });
  const student = makeModel(8);
  const lambdas: number[] = [];
  await train(student, run.split, {
    epochs,
    seed: 3,
    optimizer: { learningRate: 0.01 },
    tasks: run.tasks,
    weighting,
    onStep: (record) => {
      lambdas.push(annealing.lambda);
      annealing.onStep(record);
    },
  });
  assert.equal(lambdas.length, steps);
  lambdas.forEach((lambda, step) => assert.ok(Math.abs(lambda - step / steps) < 1e-12));
  const scores = evaluate(student, data.test).metrics;
  assert.ok(
    scores.a!.accuracy! > teacherScores.a!.accuracy! - 0.1,
    `${scores.a!.accuracy} vs teacher ${teacherScores.a!.accuracy}`,
  );
  assert.ok(scores.b!.rmse! < 0.5, `rmse ${scores.b!.rmse}`);
  student.dispose();
  assert.equal(tf.memory().numTensors, live);
  teacher.dispose();
});

test("teachers that do not fit the student's task are refused", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset(2);
  const teacher = makeModel(7);
  const outputs = teacherOutputs(teacher, data.train);
  throwsCode(
    () => distillationData(data.train, { tasks, teachers: { a: outputs.b! } }),
    "teacher-kind-mismatch",
    /teacher of task "a" predicts kind "regression".*"classification"/,
  );
  const narrow = {
    kind: "classification" as const,
    column: { ...outputs.a!.column, shape: [2], values: outputs.a!.column.values.slice(0, 512) },
  };
  throwsCode(
    () => distillationData(data.train, { tasks, teachers: { a: narrow } }),
    "teacher-shape-mismatch",
    /width 2 but the student needs 256 rows of width 3/,
  );
  throwsCode(
    () => distillationData(data.train, { tasks, teachers: { z: outputs.a! } }),
    "unknown-task",
    /"z".*"a", "b"/,
  );
  throwsCode(
    () => distillationData(data.train, { tasks, teachers: outputs, temperature: -2 }),
    "bad-temperature",
    /-2/,
  );
  teacher.dispose();
});
