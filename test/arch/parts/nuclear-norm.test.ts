import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, createRng } from "../../../src/backend";
import { nuclearNorm } from "../../../src/arch/parts/nuclear-norm";
import { symmetricEigen } from "../../../src/linalg/symmetric-eigen";

before(async () => {
  await initBackend({ backend: "cpu" });
});

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tolerance: number, what: string) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++)
    assert.ok(Math.abs(a[i]! - b[i]!) <= tolerance, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
};

test("symmetricEigen: A V = V diag(λ) and VᵀV = I on a seeded 4×4 matrix; [[2,1],[1,2]] has eigenvalues 1 and 3", () => {
  const two = Array.from(symmetricEigen(new Float64Array([2, 1, 1, 2]), 2).values).sort();
  close(two, [1, 3], 1e-12, "eigenvalues");
  const rng = createRng(5);
  const n = 4;
  const b = Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = b[i * n + j]! + b[j * n + i]!;
  const { values, vectors } = symmetricEigen(a, n);
  for (let i = 0; i < n; i++) {
    for (let e = 0; e < n; e++) {
      let av = 0;
      for (let k = 0; k < n; k++) av += a[i * n + k]! * vectors[k * n + e]!;
      assert.ok(Math.abs(av - values[e]! * vectors[i * n + e]!) < 1e-10);
      let dot = 0;
      for (let k = 0; k < n; k++) dot += vectors[k * n + i]! * vectors[k * n + e]!;
      assert.ok(Math.abs(dot - (i === e ? 1 : 0)) < 1e-10);
    }
  }
});

test("nuclearNorm: hand values and their (sub)gradients U Vᵀ", () => {
  const cases: { w: number[][]; value: number; grad: number[][] }[] = [
    // singular values 3 and 4; U Vᵀ = I
    {
      w: [
        [3, 0],
        [0, 4],
      ],
      value: 7,
      grad: [
        [1, 0],
        [0, 1],
      ],
    },
    // rank one: σ = 2, u = v = (1, 1)/√2, so U Vᵀ = ½·ones; the zero singular value contributes nothing
    {
      w: [
        [1, 1],
        [1, 1],
      ],
      value: 2,
      grad: [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
    },
    // a 2×3 with orthogonal rows of norms 5 and 2: U Vᵀ normalises each row
    {
      w: [
        [3, 4, 0],
        [0, 0, 2],
      ],
      value: 7,
      grad: [
        [0.6, 0.8, 0],
        [0, 0, 1],
      ],
    },
    // negative entries: singular values of [[-2, 0], [0, 1]] are 2 and 1; U Vᵀ = sign pattern
    {
      w: [
        [-2, 0],
        [0, 1],
      ],
      value: 3,
      grad: [
        [-1, 0],
        [0, 1],
      ],
    },
  ];
  for (const { w, value, grad } of cases) {
    const input = tf.tensor2d(w);
    const { value: found, grads } = tf.valueAndGrads((x: tf.Tensor) => nuclearNorm(x as tf.Tensor2D))([input]);
    close(found.dataSync(), [value], 1e-5, `‖${JSON.stringify(w)}‖_*`);
    close(grads[0]!.dataSync(), grad.flat(), 1e-5, `∇‖${JSON.stringify(w)}‖_*`);
    tf.dispose([input, found, ...grads]);
  }
});

test("nuclearNorm: gradient matches central finite differences on a seeded full-rank 3×5 matrix (float64 reference)", () => {
  const rng = createRng(11);
  const rows = 3;
  const cols = 5;
  const values = Array.from({ length: rows * cols }, () => rng.normal());
  const reference = (v: number[]): number => {
    const gram = new Float64Array(rows * rows);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < rows; j++)
        for (let k = 0; k < cols; k++) gram[i * rows + j] += v[i * cols + k]! * v[j * cols + k]!;
    return Array.from(symmetricEigen(gram, rows).values).reduce(
      (sum, lambda) => sum + Math.sqrt(Math.max(lambda, 0)),
      0,
    );
  };
  const h = 1e-6;
  const numeric = values.map((_, i) => {
    const plus = [...values];
    const minus = [...values];
    plus[i] += h;
    minus[i] -= h;
    return (reference(plus) - reference(minus)) / (2 * h);
  });
  const input = tf.tensor2d(values, [rows, cols]);
  const grad = tf.grad((x: tf.Tensor) => nuclearNorm(x as tf.Tensor2D))(input);
  close(grad.dataSync(), numeric, 1e-4, "∇ vs finite differences");
  const value = nuclearNorm(input);
  close(value.dataSync(), [reference(values)], 1e-4, "value");
  tf.dispose([input, grad, value]);
});

test("nuclearNorm: scales the incoming gradient and leaks nothing", () => {
  const input = tf.tensor2d([
    [3, 0],
    [0, 4],
  ]);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) {
    const grad = tf.grad((x: tf.Tensor) => tf.mul(2.5, nuclearNorm(x as tf.Tensor2D)))(input);
    close(grad.dataSync(), [2.5, 0, 0, 2.5], 1e-6, "2.5·U Vᵀ");
    grad.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
  input.dispose();
});
