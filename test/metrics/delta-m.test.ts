import { test } from "node:test";
import assert from "node:assert/strict";
import { deltaM } from "../../src/metrics";
import { MtlError } from "../../src/errors";

const near = (actual: number | undefined, expected: number): void =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);

test("Δm averages relative gains over tasks, flipping the sign of lower-is-better metrics", () => {
  const result = deltaM({ a: { accuracy: 0.9 }, b: { rmse: 1.1 } }, { a: { accuracy: 0.8 }, b: { rmse: 1.0 } });
  near(result.value, ((0.9 - 0.8) / 0.8 - (1.1 - 1.0) / 1.0) / 2);
  near(result.percent, 1.25);
  near(result.perTask.b, -0.1);
});

test("Δm averages a task's metrics first, then the tasks (LibMTL's count_improvement)", () => {
  const multi = { a: { accuracy: 0.9, macroF1: 0.7 }, b: { rmse: 0.9 } };
  const base = { a: { accuracy: 0.8, macroF1: 0.7 }, b: { rmse: 1.0 } };
  near(deltaM(multi, base).value, ((0.125 + 0) / 2 + 0.1) / 2);
  near(deltaM(base, base).value, 0);
  // a custom lower-is-better metric
  near(deltaM({ t: { meanAngle: 20 } }, { t: { meanAngle: 25 } }, { directions: { meanAngle: "lower" } }).value, 0.2);
});

test("Δm errors name the task and metric", () => {
  assert.throws(
    () => deltaM({ a: {} }, { a: { accuracy: 0.8 } }),
    (error: unknown) =>
      error instanceof MtlError &&
      error.code === "delta-m-missing" &&
      /metric "accuracy" of task "a"/.test(error.message),
  );
  assert.throws(
    () => deltaM({ a: { mae: 1 } }, { a: { mae: 0 } }),
    (error: unknown) =>
      error instanceof MtlError &&
      error.code === "delta-m-zero-baseline" &&
      /"mae" of task "a" but it is 0/.test(error.message),
  );
});
