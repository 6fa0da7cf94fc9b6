// The tensor paths (`combineTensor`) of GradDrop and DB-MTL against their Float64 `combine`, on seeded
// random matrices, on every backend; plus the shared Adam step's doc example.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../src/backend";
import type { Rng } from "../../src/backend";
import { aggregate, dbMtl, defaultContext, gradDrop } from "../../src/weighting";
import { moveStateToHost, type JacobianWeighting } from "../../src/weighting";
import { adamStep } from "../../src/weighting/adam-step";
import { weighGradients } from "../../src/weighting/weigh-gradients";

interface Matrix {
  label: string;
  values: Float64Array;
  taskCount: number;
  parameterCount: number;
}

/** float32-representable T×P matrices (both paths then see the same numbers): Gaussian at three scales, with a zero column and a zero row. */
function matrices(rng: Rng): Matrix[] {
  const out: Matrix[] = [];
  for (const [taskCount, parameterCount] of [
    [2, 1],
    [2, 40],
    [3, 257],
    [8, 600],
  ] as const) {
    for (const scale of [1e-3, 1, 1e3]) {
      const values = Float64Array.from({ length: taskCount * parameterCount }, () => Math.fround(scale * rng.normal()));
      if (parameterCount > 1) for (let t = 0; t < taskCount; t++) values[t * parameterCount + 1] = 0;
      if (taskCount > 2) values.fill(0, 0, parameterCount);
      out.push({ label: `T=${taskCount} P=${parameterCount} scale ${scale}`, values, taskCount, parameterCount });
    }
  }
  return out;
}

const toTensor = (m: Matrix) => tf.tensor2d(Float32Array.from(m.values), [m.taskCount, m.parameterCount], "float32");

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, label: string): void {
  assert.equal(actual.length, expected.length, label);
  const scale = Math.max(1e-30, ...Array.from(expected, Math.abs));
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs((actual[i] as number) - (expected[i] as number)) / scale;
    assert.ok(
      error <= tolerance,
      `${label}: entry ${i} is ${actual[i]}, Float64 path ${expected[i]} (relative error ${error})`,
    );
  }
}

/** Runs combineTensor and returns host copies, disposing the direction. */
function onDevice(method: JacobianWeighting, m: Matrix, context: ReturnType<typeof defaultContext>) {
  const jacobian = toTensor(m);
  const result = method.combineTensor!(jacobian, context);
  const direction = Float64Array.from(result.direction.dataSync());
  tf.dispose([jacobian, result.direction]);
  return { direction, weights: result.weights };
}

for (const backend of ["cpu", "wasm"] as const) {
  test(`${backend}: GradDrop's tensor path equals its Float64 path and draws the same numbers`, async () => {
    await initBackend({ backend });
    const before = tf.memory().numTensors;
    const rng = createRng(11);
    for (const m of matrices(rng)) {
      const leaks = [undefined, Array.from({ length: m.taskCount }, (_, t) => [0, 0.25, 1][t % 3] as number)];
      for (const leak of leaks) {
        const method = gradDrop(leak ? { leak } : {});
        const hostRng = createRng(m.parameterCount);
        const deviceRng = createRng(m.parameterCount);
        const host = aggregate(
          method,
          m.values.reduce<number[][]>((rows, v, k) => {
            (rows[Math.floor(k / m.parameterCount)] ??= []).push(v);
            return rows;
          }, []),
          { rng: hostRng },
        );
        const device = onDevice(method, m, defaultContext(m.taskCount, { rng: deviceRng }));
        const label = `${m.label}${leak ? " leak" : ""}`;
        assertClose(device.direction, host.direction, 1e-5, `${label} direction`);
        assertClose(device.weights, host.weights, 1e-5, `${label} weights`);
        assert.equal(deviceRng.next(), hostRng.next(), `${label}: both paths draw P numbers`);
      }
    }
    assert.equal(tf.memory().numTensors, before);
  });

  test(`${backend}: GradDrop's tensor path keeps the positive parts when U < 0.6 on TorchJD's J`, async () => {
    await initBackend({ backend });
    const m: Matrix = { label: "J", values: Float64Array.from([-4, 1, 1, 6, 1, 1]), taskCount: 2, parameterCount: 3 };
    for (const seed of [0, 1, 2, 3, 4, 5]) {
      const draw = createRng(seed).next();
      const { direction, weights } = onDevice(gradDrop(), m, defaultContext(2, { rng: createRng(seed) }));
      assert.deepEqual(Array.from(direction), draw < 0.6 ? [6, 2, 2] : [-4, 2, 2]);
      assertClose(weights, draw < 0.6 ? [2 / 18, 1] : [1, 2 / 38], 1e-7, "kept share");
    }
  });

  test(`${backend}: DB-MTL's device buffer follows the Float64 buffer step by step, and moveStateToHost frees it`, async () => {
    await initBackend({ backend });
    const before = tf.memory().numTensors;
    const rng = createRng(5);
    for (const options of [{}, { beta: 0.5, betaSigma: 0.5 }]) {
      const host = dbMtl(options);
      const device = dbMtl(options);
      for (let step = 0; step < 4; step++) {
        const m: Matrix = {
          label: `step ${step}`,
          taskCount: 3,
          parameterCount: 50,
          values: Float64Array.from({ length: 150 }, (_, k) => Math.fround((k < 50 ? 100 : 1) * rng.normal())),
        };
        const losses = Float64Array.from([0.5, 2, 7].map((loss) => Math.fround(loss * (1 + 0.1 * step))));
        const context = defaultContext(3, { losses, step });
        const expected = host.combine({ data: m.values, taskCount: 3, parameterCount: 50 }, context);
        const actual = onDevice(device, m, context);
        assertClose(actual.direction, expected.direction, 1e-5, `${m.label} direction`);
        assertClose(actual.weights, expected.weights, 1e-5, `${m.label} weights`);
        host.endStep!(context);
        device.endStep!(context);
        assert.equal(device.state.steps, host.state.steps);
      }
      assert.equal(tf.memory().numTensors, before + 1, "one buffer tensor lives between steps");
      assertClose(device.state.buffer!, host.state.buffer!, 1e-5, "buffer read back");
      moveStateToHost(device);
      assert.equal(tf.memory().numTensors, before, "moveStateToHost frees the buffer");
      // Saved and restored as a checkpoint does (Object.entries / Object.assign), the buffer goes on as before.
      const saved = Object.fromEntries(Object.entries(device.state));
      assert.ok(saved.buffer instanceof Float64Array);
      const restored = dbMtl(options);
      Object.assign(restored.state, saved);
      const m: Matrix = {
        label: "after restore",
        taskCount: 3,
        parameterCount: 50,
        values: Float64Array.from({ length: 150 }, () => Math.fround(rng.normal())),
      };
      const context = defaultContext(3);
      assertClose(
        onDevice(restored, m, context).direction,
        host.combine({ data: m.values, taskCount: 3, parameterCount: 50 }, context).direction,
        1e-5,
        "restored",
      );
      moveStateToHost(restored);
      assert.equal(tf.memory().numTensors, before);
    }
  });
}

test("weighGradients takes the tensor path when a method has one, passes it the Gramian, and agrees with aggregate", async () => {
  await initBackend({ backend: "cpu" });
  const rng = createRng(4);
  for (const leak of [
    [0, 0, 0],
    [0.25, 0, 1],
  ]) {
    const rows = Array.from({ length: 3 }, () => Array.from({ length: 40 }, () => Math.fround(rng.normal())));
    const method: JacobianWeighting = {
      ...gradDrop({ leak }),
      combine: () => assert.fail("J was read back to the host"),
    };
    const jacobian = tf.tensor2d(rows);
    const result = weighGradients(jacobian, method, defaultContext(3, { rng: createRng(3) }));
    const expected = aggregate(gradDrop({ leak }), rows, { rng: createRng(3) });
    assertClose(result.direction.dataSync(), expected.direction, 1e-6, `leak ${leak} direction`);
    assertClose(result.weights, expected.weights, 1e-6, `leak ${leak} weights`);
    tf.dispose([jacobian, result.direction]);
  }
});

test("adamStep's doc example: the first step moves by the learning rate against the gradient's sign", () => {
  const next = adamStep(
    new Float64Array([0]),
    new Float64Array([2]),
    { firstMoment: undefined, secondMoment: undefined, steps: 0 },
    { learningRate: 0.1 },
  );
  assert.ok(Math.abs((next.values[0] as number) + 0.1) < 1e-9);
  assert.equal(next.steps, 1);
});
