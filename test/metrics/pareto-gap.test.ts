import { test } from "node:test";
import assert from "node:assert/strict";
import { paretoGap } from "../../src/metrics";
import { paretoFront } from "../../src/viz/pareto-plot";

test("paretoGap is the additive ε-indicator: hand values, sign conventions, and 0 on the front", () => {
  const front = [
    { x: 90, y: 80 },
    { x: 85, y: 88 },
  ];
  // beaten by (90, 80) by 3 and 1 → must gain 1 on both; (85, 88) does not beat it on x
  assert.equal(paretoGap({ x: 87, y: 79 }, front), 1);
  // beyond the front on x: every front point loses on x → negative
  assert.equal(paretoGap({ x: 91, y: 70 }, front), -1);
  // the front's own points and points between them on the step are at 0
  assert.equal(paretoGap({ x: 90, y: 80 }, front), 0);
  assert.equal(paretoGap({ x: 85, y: 80 }, front), 0);
  // "lower is better" mirrors it: errors 100 − accuracy give the same gaps
  const errors = front.map((p) => ({ x: 100 - p.x, y: 100 - p.y }));
  const lower = { better: { x: "lower", y: "lower" } } as const;
  assert.equal(paretoGap({ x: 13, y: 21 }, errors, lower), 1);
  assert.equal(paretoGap({ x: 9, y: 30 }, errors, lower), -1);
});

test("paretoGap ≤ 0 exactly for the points paretoFront keeps (seeded random families)", () => {
  let state = 7;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 100;
  for (let trial = 0; trial < 50; trial++) {
    const points = Array.from({ length: 8 }, () => ({ method: "m", x: random(), y: random() }));
    const kept = new Set(paretoFront(points, { x: 1, y: 1 }));
    for (const point of points) {
      const others = points.filter((other) => other !== point);
      assert.equal(paretoGap(point, others) <= 0, kept.has(point), JSON.stringify(point));
    }
  }
});

test("paretoGap refuses an empty front and non-finite values", () => {
  assert.throws(() => paretoGap({ x: 1, y: 1 }, []), { code: "empty-points" });
  assert.throws(() => paretoGap({ x: Number.NaN, y: 1 }, [{ x: 1, y: 1 }]), { code: "non-finite-data" });
});
