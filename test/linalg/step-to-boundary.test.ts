import { test } from "node:test";
import assert from "node:assert/strict";
import { stepToBoundary } from "../../src/linalg/step-to-boundary";

test("stepToBoundary takes the largest step that keeps every coordinate non-negative", () => {
  const x = new Float64Array([0.5, 0.5, 0.2]);
  assert.equal(stepToBoundary(x, [0, 1], [1.5, -0.5]), 0.5);
  assert.deepEqual(Array.from(x), [1, 0, 0.2], "coordinates outside `indices` stay put");
  const inside = new Float64Array([0.3, 0.7]);
  assert.equal(stepToBoundary(inside, [0, 1], [0.6, 0.4]), 1);
  assert.deepEqual(Array.from(inside), [0.6, 0.4]);
  const atZero = new Float64Array([0, 1]);
  assert.equal(
    stepToBoundary(atZero, [0, 1], [-1, 2]),
    0,
    "a coordinate already at zero heading below blocks the move",
  );
  assert.deepEqual(Array.from(atZero), [0, 1]);
});
