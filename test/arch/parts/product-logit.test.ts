import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../../src/backend";
import { productLogit } from "../../../src/arch/parts/product-logit";
import { stopGradient } from "../../../src/arch/parts/stop-gradient";

before(async () => {
  await initBackend({ backend: "cpu" });
});

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

test("productLogit: equals logit(σ(a)σ(b)) in float64, and its gradient σ(−a)/(1 − σ(a)σ(b)), from −80 to 40", () => {
  const grid = [-80, -20, -3, -0.5, 0, 0.7, 3, 12, 40];
  const a = grid.flatMap((u) => grid.map(() => u));
  const b = grid.flatMap(() => grid);
  const [value, [gradA, gradB]] = tf.tidy(() => {
    const { value, grads } = tf.valueAndGrads((x: tf.Tensor, y: tf.Tensor) => tf.sum(productLogit(x, y)))([
      tf.tensor1d(a),
      tf.tensor1d(b),
    ]);
    value.dispose();
    return [productLogit(tf.tensor1d(a), tf.tensor1d(b)).dataSync(), grads.map((g) => g.dataSync())] as const;
  });
  a.forEach((u, i) => {
    const v = b[i]!;
    // log p − log(1 − p) in float64, with log p = log σ(u) + log σ(v)
    const logP = -Math.log1p(Math.exp(-u)) - Math.log1p(Math.exp(-v));
    const expected = logP - Math.log(-Math.expm1(logP));
    const tolerance = 1e-4 * Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(value[i]! - expected) < tolerance, `logit at (${u}, ${v}): ${value[i]} vs ${expected}`);
    // 1 − p = σ(−u) + σ(u)σ(−v), exact in float64 even where σ(u) rounds to 1
    const oneMinusP = sigmoid(-u) + sigmoid(u) * sigmoid(-v);
    assert.ok(Math.abs(gradA![i]! - sigmoid(-u) / oneMinusP) < 1e-3, `∂/∂a at (${u}, ${v}): ${gradA![i]}`);
    assert.ok(Math.abs(gradB![i]! - sigmoid(-v) / oneMinusP) < 1e-3, `∂/∂b at (${u}, ${v}): ${gradB![i]}`);
  });
  assert.ok(Array.from(value).every(Number.isFinite) && Array.from(gradA!).every(Number.isFinite), "finite everywhere");
});

test("stopGradient: passes values, blocks gradients", () => {
  const x = tf.tensor1d([3]);
  const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(stopGradient(v), v)))(x);
  assert.deepEqual(Array.from(grad.dataSync()), [3]);
  tf.dispose([x, grad]);
});
