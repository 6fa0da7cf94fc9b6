import { test } from "node:test";
import assert from "node:assert/strict";
import { gradNormToy, pearsonCorrelation } from "../../src/data";
import type { MtlError } from "../../src/errors";
import { sameSplit } from "./same-split";

const small = { train: 300, validation: 20, test: 20 };

test("labels are σ_i·tanh(·): bounded by σ_i, on scales set by σ", () => {
  const data = gradNormToy({ seed: 0, sigmas: [1, 100], ...small });
  assert.deepEqual(data.train.targets.task1?.shape, [100]);
  assert.deepEqual(data.train.inputs.x?.shape, [250]);
  assert.ok(data.train.targets.task1?.values.every((y) => Math.abs(y) <= 1));
  assert.ok(data.train.targets.task2?.values.every((y) => Math.abs(y) <= 100));
  const ratio = (data.labelStd[1] as number) / (data.labelStd[0] as number);
  assert.ok(ratio > 80 && ratio < 125, `label std ratio ${ratio}`);
  const x = data.train.inputs.x?.values as Float32Array;
  let norm = 0;
  for (let j = 0; j < 250; j++) norm += x[j]! ** 2;
  assert.ok(Math.abs(norm - 1) < 1e-5, "inputs have unit length");
});

test("tasks share B: with ε = 0 they are equal up to σ, with ε ~ N(0, 3.5²) strongly correlated", () => {
  const same = gradNormToy({ seed: 1, sigmas: [1, 10], epsilonStd: 0, ...small });
  const a = same.train.targets.task1?.values as Float32Array;
  const b = same.train.targets.task2?.values as Float32Array;
  assert.ok(a.every((value, i) => Math.abs(10 * value - b[i]!) < 1e-4));
  const paper = gradNormToy({ seed: 1, sigmas: [1, 10], ...small });
  const r = pearsonCorrelation(paper.train.targets.task1!.values, paper.train.targets.task2!.values);
  assert.ok(r > 0.6 && r < 0.99, `correlation of the two tasks ${r}`);
});

test("inputNorm sets the input length; a short input keeps tanh out of saturation", () => {
  const share = (inputNorm: number) => {
    const data = gradNormToy({ seed: 4, sigmas: [1], inputNorm, ...small });
    const x = data.train.inputs.x?.values as Float32Array;
    let norm = 0;
    for (let j = 0; j < 250; j++) norm += x[j]! ** 2;
    assert.ok(Math.abs(Math.sqrt(norm) - inputNorm) < 1e-5);
    return (data.train.targets.task1?.values ?? []).filter((y) => Math.abs(y) > 0.99).length / (300 * 100);
  };
  assert.ok(share(1) > 0.6, "unit inputs: most outputs saturate");
  assert.ok(share(0.1) < 0.05, "inputs of length 0.1: few outputs saturate");
});

test("gradNormToy is seeded, T follows the sigmas, unknown tasks fail", () => {
  const a = gradNormToy({ seed: 2, sigmas: [1, 2, 3], outputDim: 5, ...small });
  const b = gradNormToy({ seed: 2, sigmas: [1, 2, 3], outputDim: 5, ...small });
  const c = gradNormToy({ seed: 3, sigmas: [1, 2, 3], outputDim: 5, ...small });
  assert.deepEqual(
    a.tasks.map((task) => task.name),
    ["task1", "task2", "task3"],
  );
  assert.ok(sameSplit(a.train, b.train) && !sameSplit(a.train, c.train));
  assert.throws(
    () => gradNormToy({ tasks: ["task3"] }),
    (error: MtlError) => error.code === "unknown-task" && /"task1", "task2"/.test(error.message),
  );
});
