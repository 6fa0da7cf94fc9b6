import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../src/backend/random";
import { aggregate, alignedMtl, cagrad, dualProj, imtlG, mgda, nashMtl, pcgrad, upgrad } from "../../src/weighting";
import type { GradientWeighting } from "../../src/weighting";
import { gram, innerProducts, matrixFamilies, permute } from "./matrix-families";

const cases = matrixFamilies();

test("MGDA's weights satisfy the min-norm optimality conditions on every family", () => {
  for (const { label, rows } of cases) {
    const { weights, direction, solver } = aggregate(mgda(), rows);
    assert.equal(solver?.converged, true, label);
    const { scale } = gram(rows);
    const normSquared = direction.reduce((sum, x) => sum + x * x, 0);
    const products = innerProducts(rows, direction);
    assert.ok(
      Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-12 && weights.every((w) => w >= 0),
      `${label}: simplex`,
    );
    products.forEach((p, t) => {
      // g_t·d ≥ ‖d‖² for every task, with equality where w_t > 0 (KKT of min ‖Jᵀw‖² on the simplex).
      assert.ok(p >= normSquared - 1e-9 * scale, `${label}: task ${t} ${p} < ${normSquared}`);
      if ((weights[t] as number) > 1e-6) assert.ok(p <= normSquared + 1e-9 * scale, `${label}: support task ${t}`);
    });
  }
});

test("PCGrad's update conflicts with neither task gradient when T = 2", () => {
  for (const { label, rows } of cases.filter((c) => c.rows.length === 2)) {
    const { direction } = aggregate(pcgrad(), rows);
    const { scale } = gram(rows);
    innerProducts(rows, direction).forEach((p, t) => assert.ok(p >= -1e-12 * scale, `${label}: task ${t} ${p}`));
  }
});

test("PCGrad can conflict with a task when T = 3 (the paper's guarantee is for two tasks)", () => {
  const rng = createRng(3);
  let conflicts = 0;
  for (let k = 0; k < 200; k++) {
    const rows = Array.from({ length: 3 }, () => [rng.normal(), rng.normal()]);
    const { direction } = aggregate(pcgrad(), rows, { rng: createRng(k) });
    if (innerProducts(rows, direction).some((p) => p < -1e-9)) conflicts++;
  }
  assert.ok(conflicts > 0, "expected at least one conflicting PCGrad update among 200 random 3×2 matrices");
});

test("UPGrad and DualProj conflict with no task beyond their 1e-4 regularisation", () => {
  for (const method of [upgrad(), dualProj()]) {
    for (const { label, rows } of cases) {
      const { weights, direction, solver } = aggregate(method, rows);
      assert.equal(solver?.converged, true, `${method.name} ${label}`);
      const { g } = gram(rows);
      const traceG = g.reduce((sum, row, i) => sum + (row[i] as number), 0);
      const slack = 1.01e-4 * traceG * Math.max(...weights.map(Math.abs)) + 1e-12 * traceG;
      innerProducts(rows, direction).forEach((p, t) =>
        assert.ok(p >= -slack, `${method.name} ${label}: task ${t} ${p} < -${slack}`),
      );
    }
  }
});

test("UPGrad without regularisation is exactly non-conflicting on full-rank matrices", () => {
  for (const { label, rows } of cases.filter((c) => c.fullRank)) {
    const { direction } = aggregate(upgrad({ regularization: 0 }), rows);
    const { scale } = gram(rows);
    innerProducts(rows, direction).forEach((p, t) => assert.ok(p >= -1e-10 * scale, `${label}: task ${t} ${p}`));
  }
});

test("Nash-MTL solves Gα = 1/α on the non-zero tasks of full-rank and zero-row families", () => {
  for (const { label, rows } of cases.filter((c) => c.fullRank || c.label.startsWith("zero"))) {
    const { weights, solver } = aggregate(nashMtl({ maxNorm: 0 }), rows);
    assert.equal(solver?.converged, true, label);
    const { g } = gram(rows);
    g.forEach((row, t) => {
      if ((row[t] as number) === 0) return assert.equal(weights[t], 0, `${label}: zero task`);
      const product = (weights[t] as number) * row.reduce((sum, x, j) => sum + x * (weights[j] as number), 0);
      assert.ok(Math.abs(product - 1) < 1e-8, `${label}: task ${t} α(Gα) = ${product}`);
    });
  }
});

test("IMTL-G's update has equal projections on every unit task gradient (full rank)", () => {
  for (const { label, rows } of cases.filter((c) => c.fullRank)) {
    const { direction } = aggregate(imtlG(), rows);
    const projections = innerProducts(rows, direction).map((p, t) => p / Math.hypot(...(rows[t] as number[])));
    const spread = Math.max(...projections) - Math.min(...projections);
    assert.ok(spread <= 1e-6 * Math.max(...projections.map(Math.abs)), `${label}: ${projections}`);
  }
});

test("Aligned-MTL's balance matrix B makes the gradients orthogonal with equal norms: B G B = λ_min I (full rank)", () => {
  for (const { label, rows } of cases.filter((c) => c.fullRank && c.rows.length <= 5)) {
    const n = rows.length;
    const columns = Array.from(
      { length: n },
      (_, i) => aggregate(alignedMtl({ preference: unit(n, i) }), rows).weights,
    );
    const { g } = gram(rows);
    const bgb = columns.map((a) =>
      columns.map((b) =>
        a.reduce((sum, x, i) => sum + x * g[i]!.reduce((s2, y, j) => s2 + y * (b[j] as number), 0), 0),
      ),
    );
    const diagonal = bgb.map((row, i) => row[i] as number);
    bgb.forEach((row, i) =>
      row.forEach((x, j) => {
        const expected = i === j ? (diagonal[0] as number) : 0;
        assert.ok(Math.abs(x - expected) <= 1e-6 * (diagonal[0] as number), `${label}: (BGB)[${i},${j}] = ${x}`);
      }),
    );
  }
});

const deterministic: (() => GradientWeighting)[] = [mgda, imtlG, () => nashMtl(), alignedMtl, upgrad, dualProj, cagrad];

test("deterministic methods' weights are permutation-equivariant", () => {
  const rng = createRng(11);
  for (const make of deterministic) {
    for (const { label, rows } of cases) {
      const order = Array.from(rng.permutation(rows.length));
      const first = aggregate(make(), rows);
      const second = aggregate(make(), permute(rows, order));
      if (first.solver?.converged === false && second.solver?.converged === false) continue;
      const base = first.weights;
      const permuted = second.weights;
      const size = Math.max(1e-300, ...Array.from(base, Math.abs));
      order.forEach((from, to) =>
        assert.ok(
          Math.abs((permuted[to] as number) - (base[from] as number)) <= 1e-6 * size,
          `${make().name} ${label}`,
        ),
      );
    }
  }
  for (const { label, rows } of cases.filter((c) => c.rows.length === 2)) {
    const a = aggregate(pcgrad(), rows).weights;
    const b = aggregate(pcgrad(), [rows[1]!, rows[0]!]).weights;
    assert.ok(
      Math.abs((a[0] as number) - (b[1] as number)) <= 1e-9 * Math.abs(a[0] as number) + 1e-300,
      `pcgrad ${label}`,
    );
  }
});

test("scale laws: weights are invariant to J → cJ, and Nash-MTL's α scales as 1/c (paper §5)", () => {
  const invariant: (() => GradientWeighting)[] = [mgda, pcgrad, imtlG, alignedMtl, upgrad, dualProj, cagrad];
  for (const { label, rows } of cases.filter((c) => c.fullRank)) {
    for (const c of [1e-10, 1e10]) {
      const scaled = rows.map((row) => row.map((x) => x * c));
      for (const make of invariant) {
        const a = aggregate(make(), rows).weights;
        const b = aggregate(make(), scaled).weights;
        a.forEach((x, t) =>
          assert.ok(
            Math.abs(x - (b[t] as number)) <= 1e-6 * Math.max(...Array.from(a, Math.abs)),
            `${make().name} ${label} ×${c}`,
          ),
        );
      }
      const a = aggregate(nashMtl({ maxNorm: 0 }), rows).weights;
      const b = aggregate(nashMtl({ maxNorm: 0 }), scaled).weights;
      a.forEach((x, t) =>
        assert.ok(Math.abs(x / c - (b[t] as number)) <= 1e-8 * Math.abs(x / c), `nashMtl ${label} ×${c}`),
      );
    }
  }
});

test("CAGrad's weights are at least 1/T and its update is the best worst-case improvement in the ball (T ≤ 5)", () => {
  const rng = createRng(5);
  for (const { label, rows } of cases.filter((c) => c.rows.length <= 5 && c.fullRank)) {
    const n = rows.length;
    const { weights, direction, solver } = aggregate(cagrad({ c: 0.5 }), rows);
    assert.equal(solver?.converged ?? true, true, label);
    weights.forEach((w) => assert.ok(w >= 1 / n - 1e-12, `${label}: ${w}`));
    // Primal check (paper eq. 3): d maximises min_t g_t·d over ‖d − g₀‖ ≤ c‖g₀‖; compare with random points of the ball.
    const mean = rows[0]!.map((_, p) => rows.reduce((sum, row) => sum + (row[p] as number), 0) / n);
    const radius = 0.5 * Math.hypot(...mean);
    const worst = (d: ArrayLike<number>) => Math.min(...innerProducts(rows, d));
    assert.ok(
      Math.abs(Math.hypot(...direction.map((x, p) => x - (mean[p] as number))) - radius) <= 1e-8 * radius,
      `${label}: on the sphere`,
    );
    for (let k = 0; k < 200; k++) {
      const u = mean.map(() => rng.normal());
      const length = Math.hypot(...u);
      const candidate = mean.map((m, p) => m + (radius * Math.cbrt(rng.next()) * (u[p] as number)) / length);
      assert.ok(worst(candidate) <= worst(direction) + 1e-9 * radius * radius, `${label}: a ball point does better`);
    }
  }
});

function unit(n: number, i: number): number[] {
  return Array.from({ length: n }, (_, k) => (k === i ? 1 : 0));
}
