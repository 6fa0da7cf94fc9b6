// The course's representative training workloads: mmoe is mtlkit's own `mmoe` architecture (what
// users run); the others are plain tfjs-layers layers applied eagerly.
// Each has a PyTorch twin in bench/torch/<name>.py with the same shapes, losses and optimizer.
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { createRng } from "../src/backend";
import { fusedGruLayer } from "../src/kernels";
import { mmoe as mmoeModel } from "../src/arch/mmoe";
import { twoTower as twoTowerModel } from "../src/arch/two-tower";
import { inBatchSoftmax } from "../src/tasks/losses/in-batch-softmax";

/** One benchmark workload: its model's forward pass and a fixed synthetic batch. */
export interface Workload {
  name: string;
  description: string;
  /** Multiply-adds of one sample's forward pass in matmuls and convolutions (training ≈ 3×). */
  forwardMacs: number;
  /** Builds the model; returns its forward pass (logits per head) and its losses. */
  build(): { forward(x: tf.Tensor): tf.Tensor[]; loss(outputs: tf.Tensor[], labels: tf.Tensor[]): tf.Scalar };
  batch(size: number, seed: number): { x: tf.Tensor; labels: tf.Tensor[] };
}

const dense = (units: number, activation?: "relu" | "softmax") => tfl.layers.dense({ units, activation });
const apply = (layer: tfl.layers.Layer, x: tf.Tensor) => layer.apply(x) as tf.Tensor;
const softmaxLoss = (outputs: tf.Tensor[], labels: tf.Tensor[]) =>
  tf.addN(outputs.map((logits, i) => tf.losses.softmaxCrossEntropy(labels[i] as tf.Tensor, logits))) as tf.Scalar;

function classBatch(size: number, seed: number, shape: number[], classes: number[], vocab = 0) {
  const rng = createRng(seed);
  const count = size * tf.util.sizeFromShape(shape);
  const x =
    vocab > 0
      ? tf.tensor(
          Int32Array.from({ length: count }, () => rng.int(vocab)),
          [size, ...shape],
          "int32",
        )
      : tf.tensor(
          Float32Array.from({ length: count }, () => rng.next()),
          [size, ...shape],
        );
  const labels = classes.map((k) =>
    tf.oneHot(
      tf.tensor1d(
        Int32Array.from({ length: size }, () => rng.int(k)),
        "int32",
      ),
      k,
    ),
  );
  return { x, labels };
}

const mlp: Workload = {
  name: "mlp",
  description: "MLP hard sharing 784-256-256, two 10-way heads",
  forwardMacs: 784 * 256 + 256 * 256 + 2 * 256 * 10,
  build() {
    const trunk = [dense(256, "relu"), dense(256, "relu")];
    const heads = [dense(10), dense(10)];
    return {
      forward: (x) => {
        const shared = trunk.reduce((h, layer) => apply(layer, h), x);
        return heads.map((head) => apply(head, shared));
      },
      loss: softmaxLoss,
    };
  },
  batch: (size, seed) => classBatch(size, seed, [784], [10, 10]),
};

const lenet: Workload = {
  name: "lenet",
  description: "LeNet MultiMNIST 36×36: conv5-10, pool, conv5-20, pool, dense 50, two 10-way heads",
  forwardMacs: 32 * 32 * 25 * 10 + 12 * 12 * 250 * 20 + 720 * 50 + 2 * 50 * 10,
  build() {
    const trunk = [
      tfl.layers.conv2d({ filters: 10, kernelSize: 5, activation: "relu" }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 20, kernelSize: 5, activation: "relu" }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      dense(50, "relu"),
    ];
    const heads = [dense(10), dense(10)];
    return {
      forward: (x) => {
        const shared = trunk.reduce((h, layer) => apply(layer, h), x);
        return heads.map((head) => apply(head, shared));
      },
      loss: softmaxLoss,
    };
  },
  batch: (size, seed) => classBatch(size, seed, [36, 36, 1], [10, 10]),
};

const cnn: Workload = {
  name: "cnn",
  description: "small CNN 28×28: conv3-32, pool, conv3-64, pool, dense 128, one 10-way head",
  forwardMacs: 26 * 26 * 9 * 32 + 11 * 11 * 288 * 64 + 1600 * 128 + 128 * 10,
  build() {
    const layers = [
      tfl.layers.conv2d({ filters: 32, kernelSize: 3, activation: "relu" }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu" }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      dense(128, "relu"),
      dense(10),
    ];
    return { forward: (x) => [layers.reduce((h, layer) => apply(layer, h), x)], loss: softmaxLoss };
  },
  batch: (size, seed) => classBatch(size, seed, [28, 28, 1], [10]),
};

const gru: Workload = {
  name: "gru",
  description:
    "embedding 5000×64 + GRU(64) (mtlkit's fusedGruLayer, = tfjs-layers' GRU) over passages padded to 40 " +
    "(true lengths 10–40, masked: the state stops at each passage's end), two heads (4 and 2 classes)",
  forwardMacs: 40 * 3 * (64 * 64 + 64 * 64) + 64 * 6,
  build() {
    const embedding = tfl.layers.embedding({ inputDim: 5000, outputDim: 64 });
    const recurrent = process.env.BENCH_LAYERS_GRU ? tfl.layers.gru({ units: 64 }) : fusedGruLayer({ units: 64 });
    const heads = [dense(4), dense(2)];
    return {
      forward: (x) => {
        const mask = tf.cast(tf.notEqual(x, 0), "float32");
        const shared = recurrent.apply(apply(embedding, x), { mask }) as tf.Tensor;
        return heads.map((head) => apply(head, shared));
      },
      loss: softmaxLoss,
    };
  },
  batch: (size, seed) => paddedTextBatch(classBatch(size, seed, [40], [4, 2], 5000), 40),
};

// Passage i has true length 10 + (7i mod 31) (the PyTorch twin uses the same lengths): ids 1…4999, then 0s.
function paddedTextBatch(batch: { x: tf.Tensor; labels: tf.Tensor[] }, steps: number) {
  const ids = batch.x.dataSync();
  const padded = Int32Array.from(ids, (id, k) => {
    const i = Math.floor(k / steps);
    return k % steps < 10 + ((7 * i) % 31) ? (id % 4999) + 1 : 0;
  });
  const x = tf.tensor2d(padded, batch.x.shape as [number, number], "int32");
  batch.x.dispose();
  return { x, labels: batch.labels };
}

const mmoe: Workload = {
  name: "mmoe",
  description: "mtlkit's mmoe: 8 experts 128→64 (relu), 2 softmax gates, towers 64→32→1, binary tasks",
  forwardMacs: 8 * 128 * 64 + 2 * 128 * 8 + 2 * (64 * 32 + 32),
  build() {
    const tasks = [
      { name: "a", kind: "binary" as const },
      { name: "b", kind: "binary" as const },
    ];
    const model = mmoeModel({ tasks, inputShape: [128], experts: 8, expertHidden: [64], towerHidden: [32], seed: 1 });
    return {
      forward: (x) => {
        const outputs = model.forward({ x }, { training: true });
        return tasks.map((task) => outputs[task.name] as tf.Tensor);
      },
      loss: (outputs, labels) =>
        tf.addN(outputs.map((logits, t) => tf.losses.sigmoidCrossEntropy(labels[t] as tf.Tensor, logits))) as tf.Scalar,
    };
  },
  batch: (size, seed) => {
    const rng = createRng(seed);
    const x = tf.tensor(
      Float32Array.from({ length: size * 128 }, () => rng.normal()),
      [size, 128],
    );
    const labels = [0, 1].map(() =>
      tf.tensor(
        Float32Array.from({ length: size }, () => rng.int(2)),
        [size, 1],
      ),
    );
    return { x, labels };
  },
};

const side = 40;
const vision: Workload = {
  name: "vision",
  description:
    "lesson 09: convMap trunk 40×40 (conv3-8, pool, conv3-16, pool), class head, sigmoid box head, " +
    "mask decoder (2× nearest upsample + conv3-8, twice, conv1-1)",
  forwardMacs:
    40 * 40 * 9 * 8 +
    20 * 20 * 72 * 16 +
    (1600 * 32 + 32 * 10) +
    (1600 * 32 + 32 * 4) +
    20 * 20 * 144 * 8 +
    40 * 40 * 72 * 8 +
    40 * 40 * 8,
  build() {
    const conv = (filters: number, kernelSize = 3, activation: "relu" | "linear" = "relu") =>
      tfl.layers.conv2d({ filters, kernelSize, padding: "same", activation });
    const trunk = [
      conv(8),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      conv(16),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
    ];
    const head = (units: number) => [tfl.layers.flatten(), dense(32, "relu"), dense(units)];
    const up = () => tfl.layers.upSampling2d({ size: [2, 2], interpolation: "nearest" });
    const heads = [head(10), head(4), [up(), conv(8), up(), conv(8), conv(1, 1, "linear")]];
    return {
      forward: (x) => {
        const shared = trunk.reduce((h, layer) => apply(layer, h), x);
        return heads.map((layers) => layers.reduce((h, layer) => apply(layer, h), shared));
      },
      // Cross-entropy, smooth-L1 on the sigmoid box (Huber δ = 1 = smooth-L1) and per-pixel BCE on the mask's logits.
      loss: ([digit, box, mask], [classes, boxes, masks]) =>
        tf.addN([
          tf.losses.softmaxCrossEntropy(classes as tf.Tensor, digit as tf.Tensor),
          tf.losses.huberLoss(boxes as tf.Tensor, tf.sigmoid(box as tf.Tensor), undefined, 1, tf.Reduction.MEAN),
          tf.losses.sigmoidCrossEntropy(masks as tf.Tensor, mask as tf.Tensor),
        ]) as tf.Scalar,
    };
  },
  batch: (size, seed) => {
    const { x, labels } = classBatch(size, seed, [side, side, 1], [10]);
    const rng = createRng(seed + 1);
    const boxes = tf.tensor(
      Float32Array.from({ length: size * 4 }, () => rng.next()),
      [size, 4],
    );
    const masks = tf.tensor(
      Float32Array.from({ length: size * side * side }, () => rng.int(2)),
      [size, side, side, 1],
    );
    return { x, labels: [...labels, boxes, masks] };
  },
};

const twoTower: Workload = {
  name: "two-tower",
  description:
    "lesson 11: mtlkit's twoTower on MovieLens sizes, embeddings 943×32 and 1682×32, in-batch softmax, " +
    "rating MLP 64→256→128→1",
  // per sample: the rating MLP, and one row of the B × B in-batch scores (B = 128, width 32)
  forwardMacs: 64 * 256 + 256 * 128 + 128 + 128 * 32,
  build() {
    const model = twoTowerModel({ users: 943, items: 1682, seed: 1 });
    return {
      forward: (x) => {
        const [user, item] = tf.unstack(x, 1) as [tf.Tensor, tf.Tensor];
        const outputs = model.forward({ user, item }, { training: true });
        return [outputs.retrieval as tf.Tensor, outputs.rating as tf.Tensor];
      },
      loss: ([retrieval, rating], [stars]) =>
        tf.add(
          tf.mean(inBatchSoftmax.perSample(retrieval as tf.Tensor2D, stars as tf.Tensor)),
          // the mean squared error as PyTorch's mse_loss: tf.losses' weighted form costs ~10 more kernels
          tf.mean(tf.squaredDifference(rating as tf.Tensor, stars as tf.Tensor)),
        ) as tf.Scalar,
    };
  },
  batch: (size, seed) => {
    const rng = createRng(seed);
    const pairs = Int32Array.from({ length: size * 2 }, (_, i) => rng.int(i % 2 === 0 ? 943 : 1682));
    const stars = Float32Array.from({ length: size }, () => 1 + rng.int(5));
    return { x: tf.tensor(pairs, [size, 2], "int32"), labels: [tf.tensor(stars, [size, 1])] };
  },
};

/** All workloads, in table order. */
export const workloads: readonly Workload[] = [mlp, mmoe, cnn, lenet, gru, vision, twoTower];
