import { test } from "node:test";
import assert from "node:assert/strict";
import { heatmap, meanWithErrorBars, summariseMeasurements, MtlError } from "../../src";
import { assertSnapshot } from "./snapshot";

test("summariseMeasurements gives the mean and sample standard deviation per series and x", () => {
  const summary = summariseMeasurements([
    { x: 0, y: 1, series: "a" },
    { x: 0, y: 3, series: "a" },
    { x: 1, y: 5, series: "a" },
    { x: 0, y: 10, series: "b" },
  ]);
  assert.deepEqual(
    summary.map(({ series, x, mean, count }) => ({ series, x, mean, count })),
    [
      { series: "a", x: 0, mean: 2, count: 2 },
      { series: "a", x: 1, mean: 5, count: 1 },
      { series: "b", x: 0, mean: 10, count: 1 },
    ],
  );
  assert.ok(Math.abs((summary[0]?.std ?? 0) - Math.SQRT2) < 1e-12);
  assert.equal(summary[1]?.std, 0);
});

test("meanWithErrorBars draws a rule per point and a line per series", () => {
  const rows = [0, 0.5, 1].flatMap((x) =>
    [1, 2, 3].flatMap((seed) => [
      { x, y: x * 4 - 2 + seed * 0.1, series: "MMoE" },
      { x, y: x * 5 - 3 + seed * 0.2, series: "shared bottom" },
    ]),
  );
  const svg = meanWithErrorBars(rows, {
    title: "Δm against correlation",
    xLabel: "correlation",
    yLabel: "Δm (%)",
    referenceY: 0,
  });
  assertSnapshot("mean-with-error-bars", svg);
  assert.match(svg, /shared bottom/);
  assert.throws(() => meanWithErrorBars([{ x: Number.NaN, y: 1, series: "a" }]), MtlError);
});

test("heatmap labels rows and columns and rejects ragged matrices", () => {
  const svg = heatmap(
    [
      [0.7, 0.2, 0.1],
      [0.1, 0.3, 0.6],
    ],
    { rowLabels: ["task A", "task B"], columnLabels: ["e1", "e2", "e3"], title: "gates" },
  );
  assertSnapshot("heatmap", svg);
  assert.match(svg, /task A/);
  assert.match(svg, />0\.60</);
  assert.throws(
    () => heatmap([[1, 2], [3]]),
    (error: unknown) => error instanceof MtlError && error.code === "bad-matrix",
  );
});

test("meanWithErrorBars puts a tick at each whole-number x and none between", () => {
  const rows = [1, 2, 3, 4, 5].flatMap((x) => [
    { x, y: x, series: "a" },
    { x, y: x + 1, series: "a" },
  ]);
  const axis = /aria-label="x-axis tick label"[^]*?<\/g>/.exec(meanWithErrorBars(rows))?.[0] ?? "";
  const labels = [...axis.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
  for (const tick of ["1", "2", "3", "4", "5"]) assert.ok(labels.includes(tick), `tick ${tick} in ${labels}`);
  assert.ok(!labels.some((label) => label === "1.5" || label === "2.5"), `no half ticks: ${labels}`);
});
