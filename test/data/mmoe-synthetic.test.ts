import { test } from "node:test";
import assert from "node:assert/strict";
import { mmoeSynthetic, pearsonCorrelation } from "../../src/data";
import type { MtlError } from "../../src/errors";
import { sameSplit } from "./same-split";

const small = { train: 3000, validation: 100, test: 100 };

test("pearsonCorrelation matches a hand-computed value", () => {
  // cov = 5, var = 2 and 12.667: r = 5 / √25.333
  assert.ok(Math.abs(pearsonCorrelation([1, 2, 3], [2, 4, 7]) - 5 / Math.sqrt(76 / 3)) < 1e-12);
  assert.ok(Math.abs(pearsonCorrelation([1, 2, 3], [3, 2, 1]) + 1) < 1e-12);
});

test("the task weights have cosine p and norm c (Ma et al. 2018, §4.1 step 2)", () => {
  for (const p of [-0.7, 0, 0.3, 1]) {
    const data = mmoeSynthetic({ p, c: 2, seed: 1, ...small });
    const [w1, w2] = data.weights;
    let dot = 0;
    let n1 = 0;
    let n2 = 0;
    for (let i = 0; i < w1.length; i++) {
      dot += w1[i]! * w2[i]!;
      n1 += w1[i]! ** 2;
      n2 += w2[i]! ** 2;
    }
    assert.equal(w1.length, 100);
    assert.ok(Math.abs(Math.sqrt(n1) - 2) < 1e-12 && Math.abs(Math.sqrt(n2) - 2) < 1e-12);
    assert.ok(Math.abs(dot / Math.sqrt(n1 * n2) - p) < 1e-12);
  }
});

test("without the sines (m = 0) the label correlation equals p up to sampling error", () => {
  for (const p of [-0.5, 0, 0.5, 0.9]) {
    const data = mmoeSynthetic({ p, m: 0, seed: 2, ...small });
    assert.ok(Math.abs(data.correlation - p) < 0.05, `p ${p}: r ${data.correlation}`);
  }
});

test("with the paper's m = 10 sines the achieved correlation rises with p, reaching 1 at p = 1", () => {
  const knobs = [-0.5, 0, 0.5, 0.9, 1];
  const achieved = knobs.map((p) => mmoeSynthetic({ p, seed: 3, ...small }).correlation);
  for (let i = 1; i < knobs.length; i++)
    assert.ok(
      achieved[i]! > achieved[i - 1]!,
      `r(${knobs[i]}) = ${achieved[i]} > r(${knobs[i - 1]}) = ${achieved[i - 1]}`,
    );
  assert.ok(Math.abs(achieved[1]!) < 0.06, `uncorrelated tasks: r = ${achieved[1]}`);
  assert.ok(achieved[4]! > 0.999);
  const data = mmoeSynthetic({ p: 0.5, seed: 3, ...small });
  assert.equal(
    data.correlation,
    pearsonCorrelation(data.train.targets.task1!.values, data.train.targets.task2!.values),
  );
});

test("mmoeSynthetic is seeded and checks its options", () => {
  const a = mmoeSynthetic({ seed: 4, train: 50, validation: 10, test: 10 });
  const b = mmoeSynthetic({ seed: 4, train: 50, validation: 10, test: 10 });
  const c = mmoeSynthetic({ seed: 5, train: 50, validation: 10, test: 10 });
  assert.ok(sameSplit(a.train, b.train) && sameSplit(a.test, b.test));
  assert.ok(!sameSplit(a.train, c.train));
  assert.deepEqual(a.train.inputs.x?.shape, [100]);
  assert.throws(
    () => mmoeSynthetic({ p: 1.5 }),
    (error: MtlError) => error.code === "bad-option" && /p in/.test(error.message),
  );
  assert.throws(
    () => mmoeSynthetic({ tasks: ["task3"] }),
    (error: MtlError) => error.code === "unknown-task" && /"task1", "task2"/.test(error.message),
  );
});
