import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { initBackend } from "../../src/backend";
import { train, type TrainOptions } from "../../src/train";
import { dwa, gradNorm } from "../../src/weighting";
import { makeDataset, makeModel, weightsOf, withoutTiming } from "../train/fixtures";

const roots: string[] = [];
after(() => roots.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const cases = [
  { label: "adam, equal", optimizer: { type: "adam", learningRate: 0.01 }, weighting: () => undefined },
  { label: "momentum, dwa (epoch state)", optimizer: { type: "momentum", learningRate: 0.05 }, weighting: () => dwa() },
  {
    label: "adam, gradNorm in param mode (step state)",
    optimizer: { type: "adam", learningRate: 0.01 },
    weighting: () => gradNorm(),
  },
] as const;

for (const { label, optimizer, weighting } of cases) {
  test(`resuming from a checkpoint gives the same weights and history as an uninterrupted run (${label})`, async () => {
    await initBackend({ backend: "cpu" });
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "mtlkit-resume-"));
    roots.push(root);
    const data = makeDataset();
    const options: TrainOptions = {
      epochs: 4,
      batchSize: 64,
      seed: 5,
      optimizer,
      learningRates: { shared: 0.005 },
      clipNorm: 5,
      earlyStopping: { patience: 10 },
    };

    const straight = makeModel(1, 0.2);
    const expected = await train(straight, data, {
      ...options,
      weighting: weighting(),
      checkpoint: { dir: path.join(root, "straight") },
    });

    const dir = path.join(root, "interrupted");
    const first = makeModel(1, 0.2);
    await train(first, data, { ...options, weighting: weighting(), epochs: 2, checkpoint: { dir } });
    first.dispose();
    // A fresh process would rebuild the model (any seed: the checkpoint overwrites the weights) and resume.
    const resumed = makeModel(9, 0.2);
    const actual = await train(resumed, data, {
      ...options,
      weighting: weighting(),
      checkpoint: { dir, resume: true },
    });

    assert.deepEqual(weightsOf(resumed), weightsOf(straight));
    assert.deepEqual(withoutTiming(actual), withoutTiming(expected));
    assert.equal(actual.epochs.length, 4);
    assert.equal(actual.timing.epochSeconds.length, 4);
    // Resuming a finished run trains no further.
    const again = await train(resumed, data, { ...options, weighting: weighting(), checkpoint: { dir, resume: true } });
    assert.equal(again.steps.length, expected.steps.length);
    straight.dispose();
    resumed.dispose();
  });
}
