import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { fusedGru } from "../../src/kernels";
import { onBothBackends, relativeError, seeded } from "./compare-backends";

type Case = { lengths: number[]; T: number; D: number; U: number; returnSequences: boolean; sigmoid: boolean };

const weightsOf = (D: number, U: number, scale = 1.5) => ({
  kernel: tf.tensor2d(
    seeded(D * 3 * U, 1).map((v) => v * scale),
    [D, 3 * U],
  ),
  recurrentKernel: tf.tensor2d(
    seeded(U * 3 * U, 2).map((v) => v * scale),
    [U, 3 * U],
  ),
  bias: tf.tensor1d(seeded(3 * U, 3)),
});

const maskOf = (lengths: number[], T: number) =>
  tf.tensor2d(
    lengths.flatMap((length) => Array.from({ length: T }, (_, t) => (t < length ? 1 : 0))),
    [lengths.length, T],
  );

// x [B, T, D] whose real steps depend only on (b, t) — not on T — and whose padded steps are junk.
function inputOf(lengths: number[], T: number, D: number, junk: number): tf.Tensor3D {
  const real = seeded(lengths.length * 64 * D, 7);
  const noise = seeded(lengths.length * T * D, junk);
  const values = new Float32Array(lengths.length * T * D);
  lengths.forEach((length, b) => {
    for (let t = 0; t < T; t++)
      for (let d = 0; d < D; d++)
        values[(b * T + t) * D + d] = t < length ? (real[(b * 64 + t) * D + d] as number) : 5 * (noise[t * D + d] ?? 0);
  });
  return tf.tensor3d(values, [lengths.length, T, D]);
}

// Output, then gradients with respect to x, kernel, recurrent kernel and bias of a probe-weighted sum.
function maskedRun(c: Case, T: number, junk: number): tf.Tensor[] {
  const x = inputOf(c.lengths, T, c.D, junk);
  const { kernel, recurrentKernel, bias } = weightsOf(c.D, c.U);
  const mask = maskOf(c.lengths, T);
  const options = {
    returnSequences: c.returnSequences,
    mask,
    recurrentActivation: c.sigmoid ? "sigmoid" : "hardSigmoid",
  } as const;
  const outShape = c.returnSequences ? [c.lengths.length, T, c.U] : [c.lengths.length, c.U];
  const probe = tf.tensor(seeded(tf.util.sizeFromShape(outShape), 12), outShape);
  const f = (xs: tf.Tensor, k: tf.Tensor, r: tf.Tensor, b: tf.Tensor) =>
    tf.sum(
      tf.mul(
        fusedGru(
          xs as tf.Tensor3D,
          { kernel: k as tf.Tensor2D, recurrentKernel: r as tf.Tensor2D, bias: b as tf.Tensor1D },
          options,
        ),
        probe,
      ),
    );
  const output = fusedGru(x, { kernel, recurrentKernel, bias }, options);
  return [output, ...tf.grads(f)([x, kernel, recurrentKernel, bias])];
}

const cases: Case[] = [
  { lengths: [5, 2, 7, 1], T: 7, D: 4, U: 6, returnSequences: false, sigmoid: false },
  { lengths: [3, 6, 6], T: 8, D: 3, U: 5, returnSequences: true, sigmoid: true },
  { lengths: [1, 4], T: 4, D: 5, U: 8, returnSequences: false, sigmoid: true },
];

for (const c of cases) {
  test(`masked fusedGru on wasm matches cpu, forward and every gradient (${JSON.stringify(c)})`, async () => {
    const { cpu, wasm } = await onBothBackends(() => maskedRun(c, c.T, 21));
    const error = Math.max(...wasm.map((values, i) => relativeError(values, cpu[i] as Float32Array)));
    assert.ok(error <= 1e-5, `relative error ${error}`);
  });

  test(`masked fusedGru: last state and gradients do not depend on the padding (${JSON.stringify(c)})`, async () => {
    if (c.returnSequences) return; // sequences of different lengths T have different shapes; see the next test
    for (const backend of ["wasm", "cpu"] as const) {
      const short = await onBothBackends(() => maskedRun(c, c.T, 21));
      const long = await onBothBackends(() => maskedRun(c, c.T + 9, 33));
      const [shortRun, longRun] = [short[backend], long[backend]];
      assert.ok(relativeError(longRun[0] as Float32Array, shortRun[0] as Float32Array) <= 1e-6, `${backend} output`);
      for (const i of [2, 3, 4]) {
        const error = relativeError(longRun[i] as Float32Array, shortRun[i] as Float32Array);
        assert.ok(error <= 1e-5, `${backend} weight gradient ${i}: ${error}`);
      }
    }
  });
}

test("masked fusedGru equals each sequence alone at its true length; no gradient to padded steps", async () => {
  const c = cases[1] as Case;
  for (const backend of ["wasm", "cpu"] as const) {
    const padded = (await onBothBackends(() => maskedRun(c, c.T, 5)))[backend];
    const [output, dx] = [padded[0] as Float32Array, padded[1] as Float32Array];
    for (const [b, length] of c.lengths.entries()) {
      const alone = await onBothBackends(() =>
        tf.tidy(() => {
          const x = tf.slice(inputOf(c.lengths, c.T, c.D, 5), [b, 0, 0], [1, length, c.D]);
          const { kernel, recurrentKernel, bias } = weightsOf(c.D, c.U);
          const options = { returnSequences: true, recurrentActivation: "sigmoid" } as const;
          const probe = tf.slice(
            tf.tensor3d(seeded(c.lengths.length * c.T * c.U, 12), [c.lengths.length, c.T, c.U]),
            [b, 0, 0],
            [1, length, c.U],
          );
          const f = (xs: tf.Tensor) =>
            tf.sum(tf.mul(fusedGru(xs as tf.Tensor3D, { kernel, recurrentKernel, bias }, options), probe));
          return [fusedGru(x, { kernel, recurrentKernel, bias }, options), tf.grad(f)(x)];
        }),
      );
      const [aloneOutput, aloneDx] = [alone[backend][0] as Float32Array, alone[backend][1] as Float32Array];
      const rowOut = output.subarray(b * c.T * c.U, (b * c.T + length) * c.U);
      assert.ok(relativeError(rowOut, aloneOutput) <= 1e-5, `${backend} output of sequence ${b}`);
      const rowDx = dx.subarray(b * c.T * c.D, (b * c.T + length) * c.D);
      assert.ok(relativeError(rowDx, aloneDx) <= 1e-5, `${backend} dx of sequence ${b}`);
      const paddedOut = output.subarray((b * c.T + length) * c.U, (b + 1) * c.T * c.U);
      const paddedDx = dx.subarray((b * c.T + length) * c.D, (b + 1) * c.T * c.D);
      assert.ok(
        paddedOut.every((v) => v === 0),
        `${backend}: padded outputs are 0`,
      );
      assert.ok(
        paddedDx.every((v) => v === 0),
        `${backend}: padded steps get no gradient`,
      );
    }
  }
});

test("masked fusedGru frees every tensor it makes", async () => {
  await onBothBackends(() => []);
  const c = cases[0] as Case;
  tf.dispose(tf.tidy(() => maskedRun(c, c.T, 1)));
  const before = { tensors: tf.memory().numTensors, ids: tf.engine().backend.numDataIds() };
  tf.dispose(tf.tidy(() => maskedRun(c, c.T, 1)));
  assert.deepEqual({ tensors: tf.memory().numTensors, ids: tf.engine().backend.numDataIds() }, before);
});

test("fusedGru names the mask shape it expected and found", () => {
  const weights = { kernel: tf.zeros([4, 6]) as tf.Tensor2D, recurrentKernel: tf.zeros([2, 6]) as tf.Tensor2D };
  assert.throws(
    () => fusedGru(tf.zeros([2, 3, 4]) as tf.Tensor3D, weights, { mask: tf.ones([3, 3]) as tf.Tensor2D }),
    (error: Error & { code?: string }) =>
      error.code === "mask-shape" &&
      /expected a mask \[batch, time\] = \[2, 3\].*found mask \[3,3\]/.test(error.message),
  );
});
