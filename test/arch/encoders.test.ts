import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { initBackend, setSeed, clearSeed } from "../../src/backend";
import { mlp, lenet, gruText, convText, layerStack, encoderFromConfig, type Encoder } from "../../src/arch";
import { MtlError } from "../../src/errors";

function parameterCount(encoder: Encoder): number {
  return encoder.variables().reduce((sum, v) => sum + v.size, 0);
}

/** Every variable of the encoder receives a non-zero gradient from a scalar of its output. */
function assertAllVariablesTrain(encoder: Encoder, input: tf.Tensor): void {
  const variables = encoder.variables();
  const { value, grads } = tf.variableGrads(
    () => tf.sum(tf.square(encoder.apply(input, { training: true }))) as tf.Scalar,
    variables,
  );
  for (const v of variables) {
    const g = grads[v.name];
    assert.ok(g !== undefined, `no gradient for ${v.name}`);
    assert.ok(tf.tidy(() => tf.sum(tf.abs(g)).dataSync()[0] as number) > 0, `zero gradient for ${v.name}`);
  }
  tf.dispose([value, ...Object.values(grads)]);
}

test("ready encoders have the documented output shapes and hand-counted parameters", async () => {
  await initBackend({ backend: "cpu" });
  setSeed(1);
  const before = tf.memory().numTensors;
  const cases: [Encoder, number[], number, tf.Tensor][] = [
    // 8·16 + 16 and 16·4 + 4
    [mlp({ inputShape: [8], hidden: [16, 4] }), [4], 8 * 16 + 16 + 16 * 4 + 4, tf.randomNormal([3, 8])],
    // conv 5·5·1·10 + 10, conv 5·5·10·20 + 20, dense 320·50 + 50 (28 → 24 → 12 → 8 → 4)
    [lenet({ inputShape: [28, 28, 1] }), [50], 260 + 5020 + 16050, tf.randomNormal([2, 28, 28, 1])],
    // embedding 50·32, GRU 3·(32·32 + 32·32 + 32)
    [
      gruText({ vocabSize: 50, sequenceLength: 7 }),
      [32],
      1600 + 3 * (2 * 32 * 32 + 32),
      tf.tensor2d(
        [
          [1, 2, 3, 4, 5, 6, 7],
          [7, 6, 5, 4, 3, 2, 1],
        ],
        undefined,
        "int32",
      ),
    ],
    // embedding 50·32, conv1d 3·32·16 + 16
    [
      convText({ vocabSize: 50, sequenceLength: 7, filters: 16 }),
      [16],
      1600 + 3 * 32 * 16 + 16,
      tf.tensor2d([[1, 2, 3, 4, 5, 6, 7]], undefined, "int32"),
    ],
    [
      layerStack({
        layers: [tfl.sequential({ layers: [tfl.layers.dense({ units: 5, inputShape: [3] })] })],
        inputShape: [3],
      }),
      [5],
      20,
      tf.randomNormal([2, 3]),
    ],
  ];
  for (const [encoder, shape, parameters, input] of cases) {
    assert.deepEqual(encoder.build(), shape, encoder.name);
    assert.equal(parameterCount(encoder), parameters, encoder.name);
    assert.deepEqual(
      tf.tidy(() => encoder.apply(input, { training: false }).shape),
      [input.shape[0], ...shape],
    );
    assertAllVariablesTrain(encoder, input);
    input.dispose();
    encoder.dispose();
  }
  clearSeed();
  assert.equal(tf.memory().numTensors, before, "encoders free their weights on dispose");
});

test("encoders build lazily, so a seed set before building fixes their weights", async () => {
  await initBackend({ backend: "cpu" });
  const weights = (seed: number): number[] => {
    const encoder = mlp({ inputShape: [4], hidden: [3] });
    setSeed(seed);
    encoder.build();
    const values = Array.from(encoder.variables()[0]!.dataSync());
    encoder.dispose();
    return values;
  };
  assert.deepEqual(weights(5), weights(5));
  assert.notDeepEqual(weights(5), weights(6));
  clearSeed();
});

test("the MLP encoder trains on wasm", async () => {
  await initBackend({ backend: "wasm" });
  const encoder = mlp({ inputShape: [2, 3], hidden: [4], dropout: 0.2 });
  const input = tf.randomNormal([5, 2, 3]);
  assert.deepEqual(encoder.build(), [4]);
  assertAllVariablesTrain(encoder, input);
  input.dispose();
  encoder.dispose();
  await initBackend({ backend: "cpu" });
});

test("ready encoders rebuild from their JSON config; a custom layer stack says it cannot", async () => {
  await initBackend({ backend: "cpu" });
  const encoders = [
    mlp({ inputShape: [8], hidden: [16, 4], dropout: 0.1 }),
    lenet({ inputShape: [28, 28, 1], filters: [4, 8], units: 20 }),
    gruText({ vocabSize: 50, sequenceLength: 7, units: 8 }),
    convText({ vocabSize: 50, sequenceLength: 7, filters: 16 }),
  ];
  for (const encoder of encoders) {
    const copy = encoderFromConfig(JSON.parse(JSON.stringify(encoder.config)) as Record<string, unknown>);
    assert.deepEqual(copy.build(), encoder.build(), encoder.name);
    assert.deepEqual(copy.config, encoder.config);
    assert.deepEqual(
      copy.variables().map((v) => v.shape),
      encoder.variables().map((v) => v.shape),
    );
    copy.dispose();
    encoder.dispose();
  }
  const custom = layerStack({ layers: [tfl.layers.dense({ units: 2 })], inputShape: [3] });
  assert.throws(
    () => encoderFromConfig(custom.config),
    (error: unknown) => error instanceof MtlError && error.code === "cannot-rebuild",
  );
});
