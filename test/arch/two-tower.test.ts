import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { multiTaskModel, twoTower } from "../../src/arch";
import { datasetFromArrays } from "../../src/data";
import { factorizedTopK } from "../../src/metrics";
import { evaluate, train } from "../../src/train";
import { pcgrad } from "../../src/weighting";
import { createRng } from "../../src/backend/random";
import { throwsCode } from "../tasks/throws-code";
import { resolveTasks } from "../../src/tasks";
import { checkNoLeaks, checkOwnership, checkRepresentation } from "./support/model-checks";

before(async () => {
  await initBackend({ backend: "cpu" });
});

const users = 6;
const items = 9;
const ids = (values: number[]) => tf.tensor1d(values, "int32");

function toyData(seed: number) {
  const rng = createRng(seed);
  const size = 60;
  const user = Int32Array.from({ length: size }, () => rng.int(users));
  // each user mostly rates items of their own residue class, so retrieval has something to learn
  const item = user.map((u) => (u % 3) + 3 * rng.int(3));
  const rating = Float32Array.from(item, (i) => 1 + (i % 5));
  return datasetFromArrays({
    tasks: twoTower({ users, items, seed: 0, embeddingSize: 4, ratingHidden: [8] }).tasks,
    inputs: { user: { values: user }, item: { values: item } },
    targets: { retrieval: { values: Float32Array.from(item) }, rating: { values: rating } },
    validation: 0.25,
    seed,
  });
}

test("twoTower: embeddings shared, the rating MLP belongs to rating, representation = [user; item]", () => {
  const model = twoTower({ users, items, embeddingSize: 4, ratingHidden: [8], seed: 1 });
  const inputs = { user: ids([0, 5, 2]), item: ids([8, 0, 3]) };
  const outputs = model.forward(inputs, { training: false });
  assert.deepEqual(outputs.retrieval?.shape, [3, 8]);
  assert.deepEqual(outputs.rating?.shape, [3, 1]);
  const candidates = model.candidates!("retrieval");
  assert.deepEqual(candidates.shape, [items, 4]);
  assert.ok(
    candidates.dataSync().every((value) => Math.abs(value) <= 0.05),
    "Keras's uniform ±0.05 initialisation",
  );
  tf.dispose([...Object.values(outputs), candidates]);
  checkOwnership(model, inputs);
  checkRepresentation(model, inputs);
  checkNoLeaks(model, inputs);
  tf.dispose(Object.values(inputs));
  model.dispose();
});

test("twoTower: ids outside the vocabulary, and K past the catalogue, are MtlErrors", () => {
  const model = twoTower({ users, items, embeddingSize: 4, ratingHidden: [8], seed: 1 });
  const [good, badUser, badItem] = [ids([0]), ids([6]), ids([-1])];
  const before = tf.memory().numTensors;
  throwsCode(
    () => model.forward({ user: badUser, item: good }, { training: false }),
    "id-out-of-range",
    /"user" has id 6 .*\[0, 6\)/,
  );
  throwsCode(
    () => model.forward({ user: good, item: badItem }, { training: false }),
    "id-out-of-range",
    /"item" has id -1/,
  );
  throwsCode(() => model.forward({ user: good }, { training: false }), "missing-input", /"item"/);
  assert.equal(tf.memory().numTensors, before, "a refused batch leaves no tensors behind");
  const wide = twoTower({ users, items, topK: 10, seed: 1 });
  throwsCode(() => resolveTasks(wide.tasks), "bad-top-k", /topK 10, expected an integer in \[1, 9\]/);
  tf.dispose([good, badUser, badItem]);
  wide.dispose();
  model.dispose();
});

test("evaluate scores retrieval against every candidate (equal to factorizedTopK on the embeddings)", () => {
  const data = toyData(2);
  const model = twoTower({ users, items, embeddingSize: 4, ratingHidden: [8], topK: 3, seed: 2 });
  const evaluation = evaluate(model, data.validation, { batchSize: 7 });
  const inputs = {
    user: tf.tensor1d(data.validation.inputs.user!.values as Int32Array, "int32"),
    item: tf.tensor1d(data.validation.inputs.item!.values as Int32Array, "int32"),
  };
  const joined = model.forward(inputs, { training: false });
  const rows = joined.retrieval!.arraySync() as number[][];
  const candidates = model.candidates!("retrieval");
  const expected = factorizedTopK({
    queries: rows.flatMap((row) => row.slice(0, 4)),
    candidates: candidates.dataSync(),
    positives: data.validation.targets.retrieval!.values,
    width: 4,
    topK: 3,
  });
  assert.equal(evaluation.metrics.retrieval?.topKAccuracy, expected);
  tf.dispose([...Object.values(joined), ...Object.values(inputs), candidates]);
  model.dispose();
});

test("a retrieval task on a model without candidates() is an MtlError", () => {
  const data = toyData(3);
  const w = tf.variable(tf.ones([1, 8]));
  const model = multiTaskModel({
    name: "noCandidates",
    tasks: [{ name: "retrieval", kind: "retrieval", size: 4, candidates: items, topK: 3 }],
    inputName: "user",
    inputShape: [],
    forward: (x) => ({ retrieval: tf.matMul(tf.reshape(tf.cast(x, "float32"), [-1, 1]), w) }),
    sharedVariables: [w],
    taskVariables: { retrieval: [] },
  });
  throwsCode(
    () => evaluate(model, data.validation),
    "missing-candidates",
    /model "noCandidates" has no candidates\(\)/,
  );
  model.dispose();
});

test("twoTower trains with Adagrad under a loss weighting and a gradient method, without leaks", async () => {
  for (const weighting of [undefined, pcgrad()]) {
    const data = toyData(4);
    const model = twoTower({ users, items, embeddingSize: 4, ratingHidden: [8], topK: 3, seed: 4 });
    const before = tf.memory().numTensors;
    const history = await train(model, data, {
      epochs: 20,
      batchSize: 16,
      seed: 4,
      optimizer: { type: "adagrad", learningRate: 0.1 },
      ...(weighting ? { weighting } : {}),
    });
    assert.equal(tf.memory().numTensors, before, `no leaks (${history.weighting})`);
    const first = history.epochs[0]!.train.losses;
    const last = history.epochs.at(-1)!.train.losses;
    assert.ok(last.retrieval! < first.retrieval!, `${history.weighting}: retrieval loss falls`);
    assert.ok(last.rating! < first.rating!, `${history.weighting}: rating loss falls`);
    assert.ok(history.epochs.at(-1)!.validation!.metrics.retrieval!.topKAccuracy! > 0.5);
    model.dispose();
  }
});
