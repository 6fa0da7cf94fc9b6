import { test } from "node:test";
import assert from "node:assert/strict";
import { aggregate, dbMtl, defaultContext, gradNorm, gradNormLoss, gradVac } from "../../src/weighting";

const J = [
  [-4, 1, 1],
  [6, 1, 1],
];

test("GradVac's EMA target changes only in endStep, by β·φ", () => {
  const method = gradVac({ beta: 0.01 });
  aggregate(method, J);
  assert.equal(method.state.targets, undefined, "weigh does not change state");
  method.endStep!(defaultContext(2));
  const phi = -22 / Math.sqrt(18 * 38);
  assert.ok(Math.abs((method.state.targets![1] as number) - 0.01 * phi) < 1e-15);
  // The target is now below φ for no pair (φ < 0.01φ < 0), so the next step still projects.
  assert.ok(Math.abs((aggregate(method, J).direction[0] as number) - 0.5848) > 1e-6);
});

test("DB-MTL's buffer is committed by endStep and divides gradients by their losses", () => {
  const method = dbMtl();
  const losses = new Float64Array([2, 4]);
  const first = aggregate(method, J, { losses });
  method.endStep!(defaultContext(2, { losses }));
  assert.equal(method.state.steps, 1);
  assert.ok(Math.abs((method.state.buffer![0] as number) - (0.1 * -4) / 2) < 1e-8);
  const second = aggregate(method, J, { losses });
  // Same input twice: the buffer becomes 0.1g/L + 0.9·(0.1g/L − g/L)… = (1 − 0.9²)·g/L.
  assert.ok(Math.abs((second.direction[1] as number) / (first.direction[1] as number) - 1.9) < 1e-6);
});

test("GradNorm's weight gradient matches finite differences of L_grad with the target held fixed", () => {
  const weights = new Float64Array([0.7, 1.3, 1.0]);
  const norms = new Float64Array([3, 0.5, 1.2]);
  const ratios = new Float64Array([0.9, 1.2, 0.6]);
  const { gradient, targets } = gradNormLoss(weights, norms, ratios, 1.5);
  const fixedLoss = (w: Float64Array) =>
    w.reduce((sum, x, t) => sum + Math.abs(x * (norms[t] as number) - (targets[t] as number)), 0);
  const h = 1e-6;
  weights.forEach((_, t) => {
    const up = Float64Array.from(weights, (x, k) => (k === t ? x + h : x));
    const down = Float64Array.from(weights, (x, k) => (k === t ? x - h : x));
    assert.ok(Math.abs((fixedLoss(up) - fixedLoss(down)) / (2 * h) - (gradient[t] as number)) < 1e-6);
  });
});

test("GradNorm raises the weight of the task with the smaller gradient, keeps Σw = T, and updates only in endStep", () => {
  const method = gradNorm({ learningRate: 0.002 });
  const rows = [
    [10, 0],
    [0, 1],
  ];
  const losses = new Float64Array([1, 1]);
  for (let step = 0; step < 2000; step++) {
    aggregate(method, rows, { losses, step });
    method.endStep!(defaultContext(2, { losses }));
  }
  const weights = method.state.weights!;
  assert.ok(Math.abs((weights[0] as number) + (weights[1] as number) - 2) < 1e-12);
  // Equal training rates: the fixed point equalises w_t‖g_t‖, i.e. w = [2/11, 20/11], up to the step size.
  assert.ok(Math.abs((weights[1] as number) - 20 / 11) < 0.06, `weights ${weights}`);
  const before = Array.from(weights);
  aggregate(method, rows, { losses });
  assert.deepEqual(Array.from(method.state.weights!), before);
});

test("GradNorm is scale-free: gradient norms 1000 apart settle at w ∝ 1/‖g‖ without flipping between 0 and T", () => {
  for (const scale of [1e-3, 1, 1e3]) {
    const method = gradNorm();
    const rows = [
      [1000 * scale, 0],
      [0, scale],
    ];
    const losses = new Float64Array([1, 1]);
    const late: number[] = [];
    for (let step = 0; step < 1500; step++) {
      aggregate(method, rows, { losses, step });
      method.endStep!(defaultContext(2, { losses }));
      if (step >= 1300) late.push(method.state.weights![1] as number);
    }
    // The fixed point equalises w_t‖g_t‖: w = [2/1001, 2000/1001]; Adam on the logits keeps it there.
    assert.ok(
      late.every((w) => Math.abs(w - 2000 / 1001) < 0.01),
      `scale ${scale}: w₂ ranged ${Math.min(...late)}…${Math.max(...late)}`,
    );
  }
});
