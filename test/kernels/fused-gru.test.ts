import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { fusedGru, fusedGruLayer } from "../../src/kernels";
import { onBothBackends, relativeError, seeded } from "./compare-backends";
import { installChainedOps } from "../../src/backend";

// The reference is tfjs-layers' own GRU, whose orthogonal initialiser needs the chained x.flatten(): opt in, as a
// user of raw tfjs-layers recurrent layers does.
installChainedOps();

type Case = {
  B: number;
  T: number;
  D: number;
  U: number;
  recurrentActivation: "hardSigmoid" | "sigmoid";
  returnSequences: boolean;
  scale: number;
};

// Output and gradients (x, kernel, recurrent kernel, bias) of a weighted sum of the layer's output.
function outputAndGrads(layer: tfl.layers.Layer, c: Case, weights: tf.Tensor[]): tf.Tensor[] {
  const x = tf.variable(tf.tensor3d(seeded(c.B * c.T * c.D, 11), [c.B, c.T, c.D]));
  layer.apply(x); // builds
  layer.setWeights(weights);
  const outShape = c.returnSequences ? [c.B, c.T, c.U] : [c.B, c.U];
  const probe = tf.tensor(seeded(tf.util.sizeFromShape(outShape), 12), outShape);
  const variables = [x, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
  let output: tf.Tensor = tf.scalar(0);
  const { grads } = tf.variableGrads(() => {
    output = tf.keep(layer.apply(x) as tf.Tensor);
    return tf.sum(tf.mul(output, probe));
  }, variables);
  const result = [output, ...variables.map((v) => grads[v.name] as tf.Tensor)];
  x.dispose();
  return result;
}

function gruWeights(c: Case): tf.Tensor[] {
  return [
    tf.tensor2d(
      seeded(c.D * 3 * c.U, 1).map((v) => v * c.scale),
      [c.D, 3 * c.U],
    ),
    tf.tensor2d(
      seeded(c.U * 3 * c.U, 2).map((v) => v * c.scale),
      [c.U, 3 * c.U],
    ),
    tf.tensor1d(seeded(3 * c.U, 3).map((v) => v * c.scale)),
  ];
}

// The reference is tfjs-layers' own GRU on cpu; the fused layer runs on wasm (fused kernels).
async function worstAgainstLayersGru(c: Case): Promise<number> {
  const options = { units: c.U, recurrentActivation: c.recurrentActivation, returnSequences: c.returnSequences };
  const reference = await onBothBackends(() => outputAndGrads(tfl.layers.gru(options), c, gruWeights(c)));
  const fused = await onBothBackends(() => outputAndGrads(fusedGruLayer(options), c, gruWeights(c)));
  const errors = [...fused.wasm, ...fused.cpu].map((values, i) =>
    relativeError(values, reference.cpu[i % reference.cpu.length] as Float32Array),
  );
  return Math.max(...errors);
}

const cases: Case[] = [
  { B: 3, T: 5, D: 4, U: 6, recurrentActivation: "hardSigmoid", returnSequences: false, scale: 1 },
  // Large weights saturate the hard sigmoid, so clipped gates (zero slope) are exercised.
  { B: 2, T: 7, D: 3, U: 5, recurrentActivation: "hardSigmoid", returnSequences: true, scale: 4 },
  { B: 1, T: 4, D: 5, U: 3, recurrentActivation: "sigmoid", returnSequences: true, scale: 1.5 },
  { B: 4, T: 2, D: 2, U: 8, recurrentActivation: "sigmoid", returnSequences: false, scale: 1 },
];

for (const c of cases) {
  test(`fusedGru matches tfjs-layers' GRU on cpu, forward and gradients (${JSON.stringify(c)})`, async () => {
    const error = await worstAgainstLayersGru(c);
    assert.ok(error <= 1e-5, `relative error ${error}`);
  });
}

test("fusedGru over one time step matches its op-by-op twin on cpu (tfjs-layers' GRU cannot differentiate T = 1)", async () => {
  const c: Case = { B: 4, T: 1, D: 2, U: 8, recurrentActivation: "hardSigmoid", returnSequences: false, scale: 2 };
  const { cpu, wasm } = await onBothBackends(() => outputAndGrads(fusedGruLayer({ units: c.U }), c, gruWeights(c)));
  const error = Math.max(...wasm.map((values, i) => relativeError(values, cpu[i] as Float32Array)));
  assert.ok(error <= 1e-5, `relative error ${error}`);
});

test("fusedGru on wasm runs its two fused kernels, frees every tensor and all wasm memory", async () => {
  await onBothBackends(() => []);
  const layer = fusedGruLayer({ units: 8 });
  const x = tf.tensor3d(seeded(4 * 6 * 5, 4), [4, 6, 5]);
  layer.apply(x);
  const step = () => {
    const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor));
    tf.dispose([value, ...Object.values(grads)]);
  };
  step();
  const before = {
    tensors: tf.memory().numTensors,
    bytes: tf.memory().numBytes,
    ids: tf.engine().backend.numDataIds(),
  };
  const profile = await tf.profile(step);
  assert.deepEqual(
    { tensors: tf.memory().numTensors, bytes: tf.memory().numBytes, ids: tf.engine().backend.numDataIds() },
    before,
  );
  const names = profile.kernelNames;
  assert.ok(names.includes("MtlkitGruForward") && names.includes("MtlkitGruBackward"), names.join(","));
  assert.ok(profile.kernels.length < 30, `${profile.kernels.length} kernels`);
  x.dispose();
  layer.dispose();
});

test("fusedGruLayer trains inside a tfjs-layers model on wasm (embedding → GRU → dense) and round-trips its config", async () => {
  await onBothBackends(() => []);
  const model = tfl.sequential({
    layers: [
      tfl.layers.embedding({ inputDim: 20, outputDim: 5, inputLength: 6 }),
      fusedGruLayer({ units: 4, recurrentInitializer: "glorotUniform" }),
      tfl.layers.dense({ units: 2, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });
  const x = tf.tensor2d(
    Int32Array.from({ length: 8 * 6 }, (_, i) => (i * 7) % 20),
    [8, 6],
    "int32",
  );
  const y = tf.oneHot(tf.tensor1d([0, 1, 0, 1, 1, 0, 0, 1], "int32"), 2);
  const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
  const losses = history.history.loss as number[];
  assert.ok(losses.every(Number.isFinite), `losses ${losses}`);
  assert.deepEqual((model.layers[1] as tfl.layers.Layer).getConfig().recurrentInitializer, "glorotUniform");
  assert.deepEqual(model.outputs[0]?.shape, [null, 2]);
  tf.dispose([x, y]);
  model.dispose();
});

test("fusedGruLayer names an unknown initializer and lists the known ones", () => {
  assert.throws(
    () => fusedGruLayer({ units: 3, kernelInitializer: "glorot" as never }),
    (error: Error & { code?: string }) =>
      error.code === "unknown-initializer" &&
      /"glorot" is not a known initializer; use one of "glorotUniform"/.test(error.message),
  );
});

test("fusedGru names the shapes it expected and found", () => {
  assert.throws(
    () => fusedGru(tf.zeros([2, 3, 4]) as tf.Tensor3D, { kernel: tf.zeros([5, 6]), recurrentKernel: tf.zeros([2, 6]) }),
    (error: Error & { code?: string }) =>
      error.code === "gru-shapes" && /found x \[2,3,4\], kernel \[5,6\]/.test(error.message),
  );
});
