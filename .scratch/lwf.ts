import { initBackend, createRng } from "../src/backend";
import { addTask } from "../src/arch";
import { evaluate, train } from "../src/train";
import { distillationData, teacherOutputs, unlabelledTasks } from "../src/distill";
import { resolveTasks } from "../src/tasks";
import type { Split } from "../src/data/types";
import { makeDataset, makeModel, tasks } from "../test/train/fixtures";

function newSplit(size: number, seed: number): Split {
  const rng = createRng(seed);
  const x = new Float32Array(size * 4), c = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < 4; j++) x[i * 4 + j] = rng.normal();
    c[i] = Math.sin(2 * x[i * 4 + 3]!) + x[i * 4]! * x[i * 4 + 1]!;
  }
  return { size, inputs: { x: { values: x, shape: [4], dtype: "float32" } }, targets: { c: { values: c, shape: [], dtype: "float32" } } };
}
const mode = process.argv[2] ?? "x";
(async () => {
  await initBackend({ backend: "wasm" });
  for (const seed of [1, 2, 3, 4]) {
    const row: Record<string, number> = {};
    for (const how of ["finetune", "lwf"]) {
      const data = makeDataset(seed, 512);
      const model = makeModel(seed);
      await train(model, data, { epochs: 15, seed, optimizer: { learningRate: 0.01 }, validation: false, test: false });
      const old = resolveTasks(tasks);
      const before = evaluate(model, data.test, { tasks: old }).metrics;
      const grown = addTask(model, { name: "c", kind: "regression" }, { seed, head: { hidden: [16] } });
      const plain = unlabelledTasks(newSplit(512, seed + 50), tasks);
      const split = how === "lwf" ? distillationData(plain, { tasks: grown.tasks, teachers: teacherOutputs(grown, plain, { tasks: ["a", "b"] }), temperature: 2 }) : { split: plain, tasks: {} };
      await train(grown, split.split, { epochs: 10, seed, optimizer: { learningRate: 0.01 }, tasks: split.tasks });
      const after = evaluate(grown, data.test, { tasks: old }).metrics;
      const cScore = evaluate(grown, newSplit(256, seed + 99), { tasks: resolveTasks([grown.tasks[2]!]) }).metrics.c!.rmse!;
      row[`${how} Δacc`] = after.a!.accuracy! - before.a!.accuracy!;
      row[`${how} Δrmse`] = after.b!.rmse! - before.b!.rmse!;
      row[`${how} c rmse`] = cScore;
      grown.dispose();
    }
    console.log(seed, JSON.stringify(row, (k, v) => (typeof v === "number" ? +v.toFixed(3) : v)));
  }
})();
