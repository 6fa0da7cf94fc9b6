import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { defaultContext, dwa, equal, famo, gls, rlw, staticWeights, stch, uncertainty } from "../../src/weighting";
import type { LossWeighting } from "../../src/weighting";

const losses = new Float64Array([0.7, 2.5, 0.2]);

/** The method's total and, by tf.grad, ∂total/∂L_t at `values`. */
function totalAndGradient(
  method: LossWeighting,
  values: Float64Array,
  context = defaultContext(values.length, { losses: values }),
) {
  let weights: Float64Array = new Float64Array(0);
  const gradient = tf.tidy(() => {
    const input = tf.tensor1d(Array.from(values));
    const grad = tf.grad((x: tf.Tensor) => {
      const result = method.combine(tf.unstack(x) as tf.Scalar[], context);
      weights = result.weights;
      return result.total;
    })(input);
    return Array.from(grad.dataSync());
  });
  return { gradient, weights };
}

test("every loss method's reported weights equal ∂total/∂L_t (tf.grad), with no tensor leak", async () => {
  await initBackend({ backend: "cpu" });
  const unc = uncertainty({ taskCount: 3, initialLogVariance: 0.3 });
  const methods: LossWeighting[] = [
    equal(),
    staticWeights({ weights: [1, 0.5, 2] }),
    gls(),
    famo(),
    stch({ nadir: [1, 2, 0.5] }),
    stch(),
    dwa(),
    unc,
  ];
  for (const method of methods) {
    const before = tf.memory().numTensors;
    const { gradient, weights } = totalAndGradient(method, losses);
    assert.equal(tf.memory().numTensors, before, `${method.name} leaked tensors`);
    gradient.forEach((g, t) =>
      assert.ok(
        Math.abs(g - (weights[t] as number)) < 1e-5 * Math.max(1, Math.abs(g)),
        `${method.name} task ${t}: ${g} vs ${weights[t]}`,
      ),
    );
    if (method.weightsFor)
      assert.deepEqual(
        Array.from(method.weightsFor(losses, defaultContext(3, { losses }))),
        Array.from(weights),
        method.name,
      );
  }
  unc.dispose();
});

test("RLW's weights are softmax of seeded normals and reproduce with the seed", () => {
  const a = rlw().weightsFor!(losses, defaultContext(3));
  const b = rlw().weightsFor!(losses, defaultContext(3));
  assert.deepEqual(Array.from(a), Array.from(b));
  assert.ok(Math.abs(a.reduce((s, x) => s + x, 0) - 1) < 1e-12 && a.every((w) => w > 0));
  const { gradient, weights } = totalAndGradient(rlw(), losses);
  gradient.forEach((g, t) => assert.ok(Math.abs(g - (weights[t] as number)) < 1e-6));
});

test("uncertainty's log-variance gradient matches finite differences and ½(1 − e^{−s}L)", async () => {
  await initBackend({ backend: "cpu" });
  const method = uncertainty({ taskCount: 3, initialLogVariance: 0.2 });
  const variable = method.variables![0]!;
  const before = tf.memory().numTensors;
  const totalAt = (s: number[]) => {
    tf.tidy(() => variable.assign(tf.tensor1d(s)));
    return tf.tidy(
      () =>
        method
          .combine(
            Array.from(losses, (l) => tf.scalar(l)),
            defaultContext(3),
          )
          .total.dataSync()[0] as number,
    );
  };
  const s0 = [0.2, -0.4, 1.1];
  tf.tidy(() => variable.assign(tf.tensor1d(s0)));
  const analytic = tf.tidy(() => {
    const { grads } = tf.variableGrads(
      () =>
        method.combine(
          Array.from(losses, (l) => tf.scalar(l)),
          defaultContext(3),
        ).total,
      [variable],
    );
    return Array.from(grads[variable.name]!.dataSync());
  });
  const h = 1e-3;
  s0.forEach((s, t) => {
    const up = s0.map((v, k) => (k === t ? v + h : v));
    const down = s0.map((v, k) => (k === t ? v - h : v));
    const numeric = (totalAt(up) - totalAt(down)) / (2 * h);
    assert.ok(Math.abs(numeric - (analytic[t] as number)) < 1e-3, `task ${t}: fd ${numeric} vs tape ${analytic[t]}`);
    assert.ok(Math.abs((analytic[t] as number) - 0.5 * (1 - Math.exp(-s) * (losses[t] as number))) < 1e-5);
  });
  assert.equal(tf.memory().numTensors, before, "no tensors leaked");
  method.dispose();
});

test("DWA gives weight 1 until two epochs ended, then T·softmax(ratio/2)", () => {
  const method = dwa();
  const context = defaultContext(2);
  assert.deepEqual(Array.from(method.weightsFor!(new Float64Array([1, 1]), context)), [1, 1]);
  method.endEpoch!(0, new Float64Array([1, 1]));
  assert.deepEqual(Array.from(method.weightsFor!(new Float64Array([1, 1]), context)), [1, 1]);
  method.endEpoch!(1, new Float64Array([1, 0.5]));
  const expected = (2 * Math.exp(0.5)) / (Math.exp(0.5) + Math.exp(0.25));
  const weights = method.weightsFor!(new Float64Array([1, 1]), context);
  assert.ok(
    Math.abs((weights[0] as number) - expected) < 1e-12 && Math.abs((weights[1] as number) - (2 - expected)) < 1e-12,
  );
});

test("FAMO moves weight toward the task whose log loss fell less, and only in endStep", () => {
  const method = famo();
  const context = defaultContext(2, { losses: new Float64Array([1, 1]) });
  tf.tidy(() => {
    method.combine([tf.scalar(1), tf.scalar(1)], context);
  });
  assert.equal(method.state.steps, 0, "combine does not change state");
  method.endStep!({ ...context, losses: new Float64Array([0.5, 0.99]) });
  assert.equal(method.state.steps, 1);
  const weights = method.weightsFor!(new Float64Array([1, 1]), context);
  assert.ok((weights[1] as number) > (weights[0] as number), `task 2 improved less and should weigh more: ${weights}`);
  // First Adam step moves each logit by lr·sign: ξ = 0.025·[−1, 1].
  assert.ok(Math.abs((method.state.logits![1] as number) - 0.025) < 1e-6);
});

test("STCH warms up on Σ log L, takes the nadir at the end of the warm-up, then weighs the worst task most", () => {
  const method = stch({ warmupEpochs: 1, mu: 0.1 });
  const early = method.weightsFor!(new Float64Array([2, 4]), defaultContext(2, { epoch: 0 }));
  assert.deepEqual(
    Array.from(early).map((x) => +x.toFixed(12)),
    [0.5, 0.25],
  );
  method.endEpoch!(0, new Float64Array([1, 1]));
  assert.deepEqual(Array.from(method.state.nadir!), [1, 1]);
  const late = method.weightsFor!(new Float64Array([1, 2]), defaultContext(2, { epoch: 1 }));
  assert.ok((late[1] as number) * 2 > 1.9, `μ = 0.1 puts nearly all mass on the worst task: ${late}`);
});

test("loss methods reject a wrong number of losses with a clear error", () => {
  assert.throws(
    () => staticWeights({ weights: [1, 2] }).weightsFor!(losses, defaultContext(3)),
    /staticWeights expected 2 task losses, found 3/,
  );
  assert.throws(() => uncertainty({ taskCount: 0 }), /taskCount ≥ 1/);
});
