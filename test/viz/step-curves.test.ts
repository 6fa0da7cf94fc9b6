import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng, MtlError, stepCurves, type StepValues } from "../../src";
import { assertSnapshot } from "./snapshot";

/** A seeded fake run: task "small" gains weight over time, losses decay with noise. */
function fakeSteps(seed: number, count = 120): StepValues[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, step) => ({
    step,
    losses: {
      small: Math.exp(-step / 60) * (1 + 0.1 * rng.normal()),
      large: 100 * Math.exp(-step / 40) * (1 + 0.1 * rng.normal()),
    },
    weights: { small: 1 + step / count, large: 1 - step / count + 0.01 },
    cosines: { "small|large": Math.tanh(rng.normal()) },
    gradNorm: 5 + rng.normal(),
  }));
}

test("stepCurves draws one panel per run, smooths, and can show weights as shares", () => {
  const runs = { gradNorm: fakeSteps(1), equal: fakeSteps(2) };
  const svg = stepCurves(runs, { value: "losses", logScale: true, smooth: 10, title: "losses" });
  assertSnapshot("step-curves", svg);
  assert.match(svg, /mean of 10 steps/);
  assert.match(svg, />gradNorm</);
  const shares = stepCurves({ gradNorm: fakeSteps(1) }, { value: "weights", share: true });
  assert.match(shares, /share of total weight/);
  // Weights 1 + s/n and 1 − s/n + 0.01 have shares that sum to 1; the last share of "small" is ≈ 0.99/1.0.
  assert.match(stepCurves({ run: fakeSteps(3) }, { value: "cosines", referenceY: 0 }), /small\|large/);
});

test("stepCurves thins long runs and refuses a run without the requested values", () => {
  const long = stepCurves({ run: fakeSteps(4, 5000) }, { value: "gradNorm", maxPoints: 50 });
  const path = long.match(/<path[^>]*d="M([^"]*)"/)?.[1] ?? "";
  assert.ok(path.split("L").length <= 50, `${path.split("L").length} points`);
  const noCosines = fakeSteps(5).map(({ cosines: _c, ...rest }) => rest);
  assert.throws(
    () => stepCurves({ equal: noCosines }, { value: "cosines" }),
    (error: unknown) => error instanceof MtlError && error.code === "empty-history",
  );
});
