import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../src/backend/random";
import {
  gramian,
  nashEquilibrium,
  nonNegativeQp,
  pseudoInverse,
  simplexQp,
  solveLinear,
  symmetricEigen,
} from "../../src/linalg";
import { cagradDualGeneral, cagradDualPair } from "../../src/linalg/cagrad-dual";

const rng = createRng(1);
const randomGramian = (n: number, p: number) =>
  gramian(
    Float64Array.from({ length: n * p }, () => rng.normal()),
    n,
    p,
  );
const mul = (a: Float64Array, b: Float64Array, n: number) =>
  Float64Array.from({ length: n * n }, (_, k) => {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (a[Math.floor(k / n) * n + j] as number) * (b[j * n + (k % n)] as number);
    return sum;
  });

test("gramian and solveLinear on small examples", () => {
  assert.deepEqual(Array.from(gramian(new Float64Array([-4, 1, 1, 6, 1, 1]), 2, 3)), [18, -22, -22, 38]);
  assert.deepEqual(Array.from(solveLinear(new Float64Array([0, 2, 4, 0]), [2, 8], 2)!), [2, 1]);
  assert.equal(solveLinear(new Float64Array([1, 2, 2, 4]), [1, 1], 2), undefined);
});

test("Jacobi eigen-decomposition reconstructs A = V Λ Vᵀ with orthonormal V", () => {
  for (const n of [1, 2, 3, 6]) {
    const a = randomGramian(n, n + 1);
    const { values, vectors, solver } = symmetricEigen(a, n);
    assert.ok(solver.converged);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rebuilt = 0;
        let orthogonal = 0;
        for (let k = 0; k < n; k++) {
          rebuilt += (vectors[i * n + k] as number) * (values[k] as number) * (vectors[j * n + k] as number);
          orthogonal += (vectors[k * n + i] as number) * (vectors[k * n + j] as number);
        }
        assert.ok(Math.abs(rebuilt - (a[i * n + j] as number)) < 1e-10 * (values[0] as number));
        assert.ok(Math.abs(orthogonal - (i === j ? 1 : 0)) < 1e-12);
      }
    }
    for (let k = 1; k < n; k++) assert.ok((values[k - 1] as number) >= (values[k] as number));
  }
});

test("the pseudo-inverse satisfies the Penrose conditions on a rank-deficient Gramian", () => {
  const n = 4;
  const a = randomGramian(n, 2);
  const pinv = pseudoInverse(a, n);
  const apa = mul(mul(a, pinv, n), a, n);
  const pap = mul(mul(pinv, a, n), pinv, n);
  a.forEach((x, k) => assert.ok(Math.abs((apa[k] as number) - x) < 1e-9 * 10));
  pinv.forEach((x, k) => assert.ok(Math.abs((pap[k] as number) - x) < 1e-9 * Math.max(1, Math.abs(x))));
});

test("the non-negative QP satisfies its KKT conditions", () => {
  for (let trial = 0; trial < 30; trial++) {
    const n = 2 + (trial % 6);
    const q = randomGramian(n, n + 2);
    const c = Float64Array.from({ length: n }, () => rng.normal());
    const { x, solver } = nonNegativeQp(q, c, n);
    assert.ok(solver.converged);
    for (let i = 0; i < n; i++) {
      let grad = c[i] as number;
      for (let j = 0; j < n; j++) grad += (q[i * n + j] as number) * (x[j] as number);
      assert.ok((x[i] as number) >= 0 && grad >= -1e-9 && Math.abs(grad * (x[i] as number)) < 1e-9, `trial ${trial}`);
    }
  }
});

test("the simplex QP's duality gap closes, and Nash's solve satisfies Gα = 1/α", () => {
  for (const n of [3, 5, 8]) {
    const q = randomGramian(n, n + 3);
    const { weights, solver } = simplexQp(q, new Float64Array(n), n);
    assert.ok(solver.converged, `simplex n=${n}`);
    assert.ok(Math.abs(weights.reduce((s, x) => s + x, 0) - 1) < 1e-12);
    const nash = nashEquilibrium(q, n);
    assert.ok(nash.solver.converged);
    for (let i = 0; i < n; i++) {
      let ga = 0;
      for (let j = 0; j < n; j++) ga += (q[i * n + j] as number) * (nash.weights[j] as number);
      assert.ok(Math.abs(ga * (nash.weights[i] as number) - 1) < 1e-9);
    }
  }
});

test("CAGrad's dual: golden section for T = 2 agrees with the general bisection", () => {
  for (let trial = 0; trial < 10; trial++) {
    const g = randomGramian(2, 4);
    const rho = 0.5 * Math.sqrt(((g[0] as number) + 2 * (g[1] as number) + (g[3] as number)) / 4);
    const pair = cagradDualPair(g, rho);
    const general = cagradDualGeneral(g, 2, rho);
    assert.ok(general.solver.converged);
    assert.ok(
      Math.abs((pair.weights[0] as number) - (general.weights[0] as number)) < 1e-6,
      `${pair.weights} vs ${general.weights}`,
    );
  }
});
