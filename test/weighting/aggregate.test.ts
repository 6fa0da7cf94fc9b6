import { test } from "node:test";
import assert from "node:assert/strict";
import { resetWarnings, warningCounts, MtlError } from "../../src/errors";
import { aggregate, mgda, nashMtl, upgrad } from "../../src/weighting";

test("aggregate accepts number[][] and Float64Array[] alike", () => {
  const a = aggregate(upgrad(), [
    [-4, 1, 1],
    [6, 1, 1],
  ]);
  const b = aggregate(upgrad(), [new Float64Array([-4, 1, 1]), new Float64Array([6, 1, 1])]);
  assert.deepEqual(Array.from(a.direction), Array.from(b.direction));
});

test("aggregate rejects no rows, ragged rows and non-finite entries, naming the task row", () => {
  assert.throws(
    () => aggregate(mgda(), []),
    (error: MtlError) => error.code === "no-tasks" && /found 0 rows/.test(error.message),
  );
  assert.throws(
    () => aggregate(mgda(), [[1, 2], [3]]),
    (error: MtlError) =>
      error.code === "ragged-jacobian" && /task row 1 has 1 entries but row 0 has 2/.test(error.message),
  );
  assert.throws(
    () =>
      aggregate(
        mgda(),
        [
          [1, 2],
          [3, Number.NaN],
        ],
        { taskNames: ["left", "right"] },
      ),
    (error: MtlError) =>
      error.code === "non-finite-gradient" &&
      /task row 1 \("right"\) has a non-finite entry NaN at index 1/.test(error.message),
  );
  assert.throws(() => aggregate(mgda(), [[Infinity]]), /task row 0 has a non-finite entry Infinity/);
});

test("a solver that does not converge says so in its status and warns once, not silently", () => {
  resetWarnings();
  const rows = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [1, 1, -3],
  ];
  const first = aggregate(mgda({ solver: "frank-wolfe", maxIterations: 1 }), rows);
  const second = aggregate(mgda({ solver: "frank-wolfe", maxIterations: 1 }), rows);
  assert.equal(first.solver?.converged, false);
  assert.equal(second.solver?.iterations, 1);
  assert.equal(warningCounts().get("mgda-not-converged"), 2);
  const opposite = aggregate(nashMtl(), [
    [1, 0],
    [-1, 0],
  ]);
  assert.equal(opposite.solver?.converged, false, "exactly opposite gradients have no Nash solution");
  assert.equal(warningCounts().get("nashMtl-not-converged"), 1);
  resetWarnings();
});

test("MGDA's Frank–Wolfe option agrees with Wolfe's exact algorithm", () => {
  const rows = [
    [1, 0.2, 0],
    [0, 1, 0.3],
    [0.5, -1, 1],
    [-1, 0.1, 0.2],
  ];
  const exact = aggregate(mgda(), rows);
  const fw = aggregate(mgda({ solver: "frank-wolfe" }), rows);
  assert.equal(fw.solver?.converged, true);
  exact.weights.forEach((w, t) =>
    assert.ok(Math.abs(w - (fw.weights[t] as number)) < 1e-6, `${exact.weights} vs ${fw.weights}`),
  );
});
