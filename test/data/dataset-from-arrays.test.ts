import { test } from "node:test";
import assert from "node:assert/strict";
import { datasetFromArrays, MtlError } from "../../src";

const tasks = [
  { name: "amount", kind: "regression" as const },
  { name: "digit", kind: "classification" as const, classes: 3 },
];

function make(seed = 0) {
  return datasetFromArrays({
    tasks,
    inputs: { x: { values: Array.from({ length: 20 }, (_, i) => i), shape: [2] } },
    targets: {
      amount: { values: Array.from({ length: 10 }, (_, i) => i * 10) },
      digit: { values: Array.from({ length: 10 }, (_, i) => i % 3) },
    },
    validation: 0.2,
    test: 0.1,
    seed,
  });
}

test("datasetFromArrays splits samples by seed and keeps inputs and targets aligned", () => {
  const data = make(3);
  assert.deepEqual([data.train.size, data.validation.size, data.test.size], [7, 2, 1]);
  assert.equal(data.train.targets.digit?.dtype, "int32");
  assert.equal(data.train.targets.amount?.dtype, "float32");
  for (const split of [data.train, data.validation, data.test]) {
    for (let i = 0; i < split.size; i++) {
      const first = split.inputs.x?.values[2 * i] as number;
      assert.equal(split.targets.amount?.values[i], (first / 2) * 10, "sample i's target follows its input");
      assert.equal(split.targets.digit?.values[i], (first / 2) % 3);
    }
  }
  const seen = [data.train, data.validation, data.test].flatMap((split) =>
    Array.from(split.targets.amount?.values ?? []),
  );
  assert.deepEqual(
    seen.sort((a, b) => a - b),
    Array.from({ length: 10 }, (_, i) => i * 10),
  );
  assert.deepEqual(make(3).train.targets.amount?.values, data.train.targets.amount?.values);
  assert.notDeepEqual(make(4).train.targets.amount?.values, data.train.targets.amount?.values);
});

test("datasetFromArrays names the column and the fix on bad input", () => {
  const base = { tasks, inputs: { x: { values: [1, 2, 3, 4], shape: [2] } } };
  assert.throws(
    () => datasetFromArrays({ ...base, targets: { amount: { values: [1, 2] } } }),
    (error: unknown) =>
      error instanceof MtlError && error.code === "missing-target" && /task "digit" has no target/.test(error.message),
  );
  assert.throws(
    () => datasetFromArrays({ ...base, targets: { amount: { values: [1, 2, 3] }, digit: { values: [0, 1] } } }),
    (error: unknown) =>
      error instanceof MtlError &&
      error.code === "column-length-mismatch" &&
      /input "x" has 2 samples but target "amount" has 3/.test(error.message),
  );
  assert.throws(
    () => datasetFromArrays({ ...base, targets: { amount: { values: [1, Number.NaN] }, digit: { values: [0, 1] } } }),
    (error: unknown) =>
      error instanceof MtlError &&
      error.code === "non-finite-data" &&
      /target "amount" has NaN at flat index 1/.test(error.message),
  );
  assert.throws(
    () =>
      datasetFromArrays({
        ...base,
        targets: { amount: { values: [1, 2] }, digit: { values: [0, 1] }, depth: { values: [0, 0] } },
      }),
    /target "depth" matches no task/,
  );
});

test("datasetFromArrays refuses class labels that are not whole numbers instead of truncating them", () => {
  const tasks = [{ name: "topic", kind: "classification" as const, classes: 2 }];
  const inputs = { x: { values: [1, 2, 3, 4] } };
  for (const values of [[0, 1, -0.7, 1], Float32Array.from([0.3, 1, 0, 1])]) {
    assert.throws(
      () => datasetFromArrays({ tasks, inputs, targets: { topic: { values } } }),
      (error: unknown) => {
        assert.ok(error instanceof MtlError);
        assert.equal(error.code, "target-dtype-mismatch");
        assert.match(error.message, /task "topic" has kind "classification" and needs whole class indices/);
        assert.match(error.message, /for a continuous target use kind "regression"/);
        return true;
      },
    );
  }
  const fine = datasetFromArrays({ tasks, inputs, targets: { topic: { values: [0, 1, 1, 0] } } });
  assert.ok(fine.train.targets.topic!.values instanceof Int32Array, "whole labels still become int32");
});
