// The batchNorm option of the hand-written architectures (mmoe, omoe, cgc, ple, softSharing): running statistics
// are model state that training passes move and inference passes read (saving and training: test/train).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { cgc, mmoe, omoe, ple, softSharing, type MultiTaskModel } from "../../src/arch";
import { tasks } from "../train/fixtures";

const common = { tasks, inputShape: [4], batchNorm: true } as const;
const builders: Record<string, (seed: number) => MultiTaskModel> = {
  mmoe: (seed) => mmoe({ ...common, experts: 3, expertHidden: [8, 6], towerHidden: [4], seed }),
  omoe: (seed) => omoe({ ...common, experts: 2, seed }),
  cgc: (seed) => cgc({ ...common, expertHidden: [6], seed }),
  ple: (seed) => ple({ ...common, levels: 2, expertHidden: [6], seed }),
  softSharing: (seed) => softSharing({ ...common, hidden: [8, 8], seed }),
};

const state = (model: MultiTaskModel): number[][] => (model.stateVariables ?? []).map((v) => Array.from(v.dataSync()));
const byTask = (model: MultiTaskModel, x: tf.Tensor, training: boolean): number[][] =>
  tf.tidy(() => Object.values(model.forward({ x }, { training })).map((t) => Array.from(t.dataSync())));
const outputs = (model: MultiTaskModel, x: tf.Tensor, training: boolean): number[] => byTask(model, x, training).flat();

for (const [name, build] of Object.entries(builders)) {
  test(`${name} with batchNorm: state is not trainable; training moves it and depends on the batch, inference does neither`, async () => {
    await initBackend({ backend: "cpu" });
    const model = build(1);
    const trainable = new Set([...model.sharedVariables, ...Object.values(model.taskVariables).flat()]);
    assert.ok((model.stateVariables?.length ?? 0) >= 4, "running mean and variance of several layers");
    assert.ok(model.stateVariables!.every((v) => !v.trainable && !trainable.has(v)));
    assert.equal(model.config.batchNorm, true);
    const x = tf.randomNormal([8, 4], 0, 1, "float32", 3);
    const first = tf.slice(x, 0, 1);
    const initial = state(model);
    const inferred = outputs(model, x, false);
    assert.deepEqual(state(model), initial, "inference leaves the running statistics alone");
    // In inference a sample's output does not depend on the rest of its batch; in training it does.
    const row0 = (all: number[][], batch: number): number[] =>
      all.flatMap((rows) => rows.slice(0, rows.length / batch));
    const gap = (a: number[], b: number[]): number => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
    assert.ok(gap(row0(byTask(model, first, false), 1), row0(byTask(model, x, false), 8)) < 1e-6);
    const pair = tf.slice(x, 0, 2);
    const trainedPair = row0(byTask(model, pair, true), 2);
    assert.ok(
      gap(trainedPair, row0(byTask(model, x, true), 8)) > 1e-3,
      "training normalises with the batch's statistics",
    );
    pair.dispose();
    const trained = outputs(model, x, true);
    assert.notDeepEqual(state(model), initial, "a training pass updates the running statistics");
    assert.ok(Math.max(...trained.map((v, i) => Math.abs(v - inferred[i]!))) > 1e-3, "training ≠ inference");
    if (model.representation && model.heads) {
      const before = state(model);
      tf.tidy(() => model.heads!(model.representation!({ x }, { training: true }), { training: true }));
      assert.notDeepEqual(state(model), before, "representation + heads thread { training } too");
    }
    tf.dispose([x, first]);
    model.dispose();
  });
}
