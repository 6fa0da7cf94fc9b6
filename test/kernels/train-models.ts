// Small two-head models for the kernel tests, built with plain tfjs-layers, trained by hand with
// SGD so the same seed and the same initial weights give comparable loss curves on each backend.
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
// tfjs-layers' recurrent layers call chained tensor methods (`x.flatten()`), which only this import adds.
import { createRng, setSeed, clearSeed, installChainedOps } from "../../src/backend";

/** A LeNet for `size`×`size` MultiMNIST-style images (36 in the course) with two 10-way heads. */
export function lenet(size = 36): tfl.LayersModel {
  const input = tfl.input({ shape: [size, size, 1] });
  let h = tfl.layers.conv2d({ filters: 10, kernelSize: 5, activation: "relu" }).apply(input) as tfl.SymbolicTensor;
  h = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.conv2d({ filters: 20, kernelSize: 5, activation: "relu" }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.flatten().apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.dense({ units: 50, activation: "relu" }).apply(h) as tfl.SymbolicTensor;
  const heads = ["left", "right"].map((name) => tfl.layers.dense({ units: 10, name }).apply(h) as tfl.SymbolicTensor);
  return tfl.model({ inputs: input, outputs: heads });
}

/** Embedding(vocab×16) + GRU(16) over token sequences, with two 3-way heads. */
export function embeddingGru(vocab: number, length: number): tfl.LayersModel {
  // A raw tfjs-layers GRU builds its orthogonal initialiser with x.flatten(): opt in to the chained ops.
  installChainedOps();
  const input = tfl.input({ shape: [length], dtype: "int32" });
  let h = tfl.layers.embedding({ inputDim: vocab, outputDim: 16 }).apply(input) as tfl.SymbolicTensor;
  h = tfl.layers.gru({ units: 16 }).apply(h) as tfl.SymbolicTensor;
  const heads = ["topic", "sentiment"].map(
    (name) => tfl.layers.dense({ units: 3, name }).apply(h) as tfl.SymbolicTensor,
  );
  return tfl.model({ inputs: input, outputs: heads });
}

/** A seeded batch for `model`: inputs (images in [0,1) or token ids < vocab) and one label per head. */
export function batchFor(
  model: tfl.LayersModel,
  size: number,
  seed: number,
  vocab = 0,
): { x: Float32Array | Int32Array; labels: Int32Array[] } {
  const rng = createRng(seed);
  const shape = model.inputs[0]?.shape.slice(1) as number[];
  const count = size * tf.util.sizeFromShape(shape);
  const x =
    vocab > 0
      ? Int32Array.from({ length: count }, () => rng.int(vocab))
      : Float32Array.from({ length: count }, () => rng.next());
  const labels = model.outputs.map((output) => {
    const classes = output.shape[1] as number;
    return Int32Array.from({ length: size }, () => rng.int(classes));
  });
  return { x, labels };
}

/** Builds `build()` with seed `seed` and returns its initial weights as plain arrays. */
export function initialWeights(build: () => tfl.LayersModel, seed: number): Float32Array[] {
  setSeed(seed);
  const model = build();
  clearSeed();
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  model.dispose();
  return weights;
}

/**
 * Trains a fresh `build()` from `weights` for `steps` SGD steps on one batch; returns the losses and
 * the number of live tensors after each step.
 */
export function trainSteps(
  build: () => tfl.LayersModel,
  weights: Float32Array[],
  batch: ReturnType<typeof batchFor>,
  steps: number,
): { losses: number[]; liveTensors: number[] } {
  const model = build();
  const initial = model.getWeights().map((w, i) => tf.tensor(weights[i] as Float32Array, w.shape));
  model.setWeights(initial);
  tf.dispose(initial);
  const shape = [batch.labels[0]?.length as number, ...(model.inputs[0]?.shape.slice(1) as number[])];
  const x = tf.tensor(batch.x, shape, batch.x instanceof Int32Array ? "int32" : "float32");
  const targets = batch.labels.map((labels, i) =>
    tf.oneHot(tf.tensor1d(labels, "int32"), model.outputs[i]?.shape[1] as number),
  );
  const optimizer = tf.train.sgd(0.1);
  const losses: number[] = [];
  const liveTensors: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(() => {
      const outputs = model.apply(x, { training: true }) as tf.Tensor[];
      return tf.addN(
        outputs.map((logits, i) => tf.losses.softmaxCrossEntropy(targets[i] as tf.Tensor, logits)),
      ) as tf.Scalar;
    }, true) as tf.Scalar;
    losses.push(loss.dataSync()[0] as number);
    loss.dispose();
    liveTensors.push(tf.memory().numTensors);
  }
  tf.dispose([x, ...targets]);
  optimizer.dispose();
  model.dispose();
  return { losses, liveTensors };
}
