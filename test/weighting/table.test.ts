import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../src/backend/random";
import {
  aggregate,
  alignedMtl,
  cagrad,
  dbMtl,
  dualProj,
  gradDrop,
  gradNorm,
  gradVac,
  imtlG,
  mgda,
  nashMtl,
  pcgrad,
  upgrad,
} from "../../src/weighting";
import type { GradientWeighting } from "../../src/weighting";

// TorchJD's shared test input (tests/unit/aggregation/test_values.py, J_base).
const J = [
  [-4, 1, 1],
  [6, 1, 1],
];

interface Row {
  method: GradientWeighting;
  weights?: number[];
  direction?: number[];
  source: string;
}

const s = Math.sqrt(38 / 18);
const table: Row[] = [
  { method: mgda(), weights: [0.6, 0.4], direction: [0, 1, 1], source: "TorchJD test_values.py (MGDAWeighting, MGDA)" },
  {
    method: pcgrad(),
    weights: [2.2222, 1.5789],
    direction: [0.5848, 3.8012, 3.8012],
    source: "TorchJD test_values.py (PCGradWeighting, PCGrad)",
  },
  {
    method: cagrad({ c: 0.5 }),
    weights: [0.7041, 0.5],
    direction: [0.1835, 1.2041, 1.2041],
    source: "TorchJD test_values.py (CAGrad(c=0.5))",
  },
  { method: imtlG(), weights: [0.5923, 0.4077], direction: [0.0767, 1, 1], source: "TorchJD test_values.py (IMTLG)" },
  {
    method: alignedMtl(),
    weights: [0.5591, 0.4083],
    direction: [0.2133, 0.9673, 0.9673],
    source: "TorchJD test_values.py (AlignedMTL)",
  },
  {
    method: upgrad(),
    weights: [1.1109, 0.7894],
    direction: [0.2929, 1.9004, 1.9004],
    source: "TorchJD test_values.py (UPGrad)",
  },
  {
    method: dualProj(),
    weights: [0.6109, 0.5],
    direction: [0.5563, 1.1109, 1.1109],
    source: "TorchJD test_values.py (DualProj)",
  },
  {
    method: nashMtl(),
    direction: [0.0542, 0.7061, 0.7061],
    source: "TorchJD test_values.py (NashMTL(n_tasks=2), max_norm 1)",
  },
  {
    method: gradVac(),
    direction: [0.5848, 3.8012, 3.8012],
    source: "fresh EMA target 0 = PCGrad; TorchJD's GradVac docstring, example 2",
  },
  {
    method: gradVac({ target: 0.5 }),
    direction: [0.0596, 4.4696, 4.4696],
    source: "TorchJD's GradVac docstring, example 3 (target 0.5)",
  },
  // Derived by hand below.
  {
    method: nashMtl({ maxNorm: 0 }),
    weights: [
      1 / (Math.sqrt(18) * Math.sqrt(1 - 22 / Math.sqrt(18 * 38))),
      1 / (Math.sqrt(38) * Math.sqrt(1 - 22 / Math.sqrt(18 * 38))),
    ],
    source: "closed form α_t = 1/(‖g_t‖√(1+cos))",
  },
  {
    method: dbMtl(),
    weights: [s, 1],
    direction: [0.1 * (-4 * s + 6), 0.1 * (s + 1), 0.1 * (s + 1)],
    source: "buffer 0.1·g at step 1; weights max‖ĝ‖/‖ĝ_t‖",
  },
  { method: gradNorm(), weights: [1, 1], direction: [2, 2, 2], source: "initial weights 1" },
];

test("every gradient method matches its pinned value on J = [[-4, 1, 1], [6, 1, 1]]", () => {
  for (const row of table) {
    const result = aggregate(row.method, J);
    if (row.weights) assertClose(result.weights, row.weights, 1e-4, `${row.method.name} weights (${row.source})`);
    if (row.direction)
      assertClose(result.direction, row.direction, 1e-4, `${row.method.name} direction (${row.source})`);
    if (result.solver) assert.equal(result.solver.converged, true, row.method.name);
  }
});

test("GradDrop keeps the positive parts when the draw U is below the purity 0.6, else the negative ones", () => {
  // Column 0 has P = ½(1 + 2/10) = 0.6; columns 1, 2 are all positive (P = 1) and always pass.
  for (const seed of [0, 1, 2, 3, 4, 5]) {
    const draw = createRng(seed).next();
    const result = aggregate(gradDrop(), J, { rng: createRng(seed) });
    assert.deepEqual(Array.from(result.direction), draw < 0.6 ? [6, 2, 2] : [-4, 2, 2]);
    assertClose(result.weights, draw < 0.6 ? [2 / 18, 1] : [1, 2 / 38], 1e-12, "kept share");
  }
});

test("GradDrop with leak 1 for every task is the plain sum", () => {
  assert.deepEqual(Array.from(aggregate(gradDrop({ leak: [1, 1] }), J).direction), [2, 2, 2]);
});

function assertClose(actual: ArrayLike<number>, expected: readonly number[], tolerance: number, label: string): void {
  assert.equal(actual.length, expected.length, label);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(
      Math.abs((actual[i] as number) - (expected[i] as number)) <= tolerance,
      `${label}: [${Array.from(actual)}] vs [${expected}]`,
    );
  }
}
