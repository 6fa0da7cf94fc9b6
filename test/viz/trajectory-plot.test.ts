import { test } from "node:test";
import assert from "node:assert/strict";
import { MtlError, trajectoryPlot } from "../../src";
import { assertSnapshot } from "./snapshot";

const bowl = (x: number, y: number) => x * x + 4 * y * y;
/** Gradient descent on the bowl from `start`: a deterministic path. */
function descent(start: [number, number], lr: number): [number, number][] {
  const path: [number, number][] = [start];
  for (let k = 0; k < 30; k++) {
    const [x, y] = path[path.length - 1] as [number, number];
    path.push([x - lr * 2 * x, y - lr * 8 * y]);
  }
  return path;
}

test("trajectoryPlot draws paths over contour lines, one panel per method, with a key and marked points", () => {
  const trajectories = ["slow", "fast"].flatMap((method, m) =>
    [
      [8, 6],
      [-7, -4],
    ].map(([x, y]) => ({
      panel: method,
      label: `start (${x}, ${y})`,
      path: descent([x as number, y as number], 0.02 + 0.08 * m),
    })),
  );
  const svg = trajectoryPlot(bowl, trajectories, {
    points: [{ x: 0, y: 0, label: "minimum" }],
    title: "gradient descent on a bowl",
    resolution: 30,
    thresholds: 8,
  });
  assertSnapshot("trajectory-plot", svg);
  assert.match(svg, />slow</);
  assert.match(svg, /start \(-7, -4\)/);
  assert.equal((svg.match(/gradient descent on a bowl/g) ?? []).length, 1, "the title is drawn once, not per panel");
  // Contour lines are drawn in both panels: the same level paths appear twice.
  const contour = svg.slice(svg.indexOf('aria-label="contour"'), svg.indexOf('aria-label="line"'));
  const levels = contour.match(/<path d="[^"]*"/g) ?? [];
  assert.ok(levels.length >= 8 && new Set(levels).size * 2 === levels.length, `${levels.length} contour paths`);
});

test("trajectoryPlot rejects empty and non-finite paths", () => {
  assert.throws(
    () => trajectoryPlot(bowl, []),
    (error: unknown) => error instanceof MtlError && error.code === "bad-trajectory",
  );
  assert.throws(
    () =>
      trajectoryPlot(bowl, [
        {
          label: "diverged",
          path: [
            [0, 0],
            [Number.NaN, 1],
          ],
        },
      ]),
    (error: unknown) => error instanceof MtlError && /"diverged"/.test(error.message),
  );
  assert.throws(
    () => trajectoryPlot(bowl, [{ label: "a", path: [[0, 0]] }], { resolution: 1 }),
    (error: unknown) => error instanceof MtlError && error.code === "bad-option",
  );
});
