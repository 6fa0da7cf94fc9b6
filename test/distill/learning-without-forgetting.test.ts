// At reduced size, Learning without Forgetting (Li & Hoiem 2016) forgets the old tasks less than
// plain fine-tuning on the new task alone, on every one of three seeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, createRng } from "../../src/backend";
import { addTask } from "../../src/arch";
import { evaluate, train } from "../../src/train";
import { distillationData, teacherOutputs, unlabelledTasks } from "../../src/distill";
import { resolveTasks } from "../../src/tasks";
import type { Split } from "../../src/data/types";
import { makeDataset, makeModel, tasks } from "../train/fixtures";

/** The new task: c = sin(2·x₃) + x₀·x₁ on fresh inputs, with no labels for the old tasks a and b. */
function newTaskSplit(size: number, seed: number): Split {
  const rng = createRng(seed);
  const x = new Float32Array(size * 4),
    c = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < 4; j++) x[i * 4 + j] = rng.normal();
    c[i] = Math.sin(2 * x[i * 4 + 3]!) + x[i * 4]! * x[i * 4 + 1]!;
  }
  return {
    size,
    inputs: { x: { values: x, shape: [4], dtype: "float32" } },
    targets: { c: { values: c, shape: [], dtype: "float32" } },
  };
}

async function forgetting(seed: number, method: "fineTune" | "lwf"): Promise<{ accuracy: number; rmse: number }> {
  const data = makeDataset(seed, 512);
  const model = makeModel(seed);
  await train(model, data, { epochs: 15, seed, optimizer: { learningRate: 0.01 }, validation: false, test: false });
  const old = resolveTasks(tasks);
  const before = evaluate(model, data.test, { tasks: old }).metrics;
  const grown = addTask(model, { name: "c", kind: "regression" }, { seed, head: { hidden: [16] } });
  const plain = unlabelledTasks(newTaskSplit(512, seed + 50), tasks);
  const run =
    method === "lwf"
      ? distillationData(plain, {
          tasks: grown.tasks,
          teachers: teacherOutputs(grown, plain, { tasks: ["a", "b"] }),
          temperature: 2,
        })
      : { split: plain, tasks: {} };
  await train(grown, run.split, { epochs: 10, seed, optimizer: { learningRate: 0.01 }, tasks: run.tasks });
  const after = evaluate(grown, data.test, { tasks: old }).metrics;
  grown.dispose();
  return { accuracy: before.a!.accuracy! - after.a!.accuracy!, rmse: after.b!.rmse! - before.b!.rmse! };
}

test("LwF forgets less than fine-tuning on the old tasks, over three seeds", async () => {
  await initBackend({ backend: "wasm" });
  const live = tf.memory().numTensors;
  const drops = { fineTune: [] as number[], lwf: [] as number[] };
  for (const seed of [1, 2, 3]) {
    const plain = await forgetting(seed, "fineTune");
    const lwf = await forgetting(seed, "lwf");
    // The regression task's RMSE is the sensitive measure (64 test samples make accuracy coarse).
    assert.ok(plain.rmse > 0.2, `seed ${seed}: fine-tuning should forget task b (RMSE +${plain.rmse})`);
    assert.ok(lwf.rmse < plain.rmse / 3, `seed ${seed}: LwF RMSE +${lwf.rmse} vs fine-tuning +${plain.rmse}`);
    drops.fineTune.push(plain.accuracy);
    drops.lwf.push(lwf.accuracy);
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  assert.ok(mean(drops.lwf) < mean(drops.fineTune), `accuracy drop: LwF ${drops.lwf} vs fine-tuning ${drops.fineTune}`);
  assert.equal(tf.memory().numTensors, live);
});
