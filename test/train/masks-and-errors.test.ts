import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { train, evaluate } from "../../src/train";
import type { MultiTaskModel } from "../../src/arch";
import type { Split } from "../../src/data/types";
import { makeDataset, makeModel, makeSplit, twoTaskMgda, withoutTiming, rejectsCode } from "./fixtures";

/** The split with task b's label missing on every third sample, its target replaced by `filler`. */
function masked(split: Split, filler: number): Split {
  const mask = Uint8Array.from({ length: split.size }, (_, i) => (i % 3 === 0 ? 0 : 1));
  const values = Float32Array.from(split.targets.b!.values, (value, i) => (mask[i] ? value : filler));
  return { ...split, targets: { ...split.targets, b: { ...split.targets.b!, values } }, masks: { b: mask } };
}

test("samples missing a task's label contribute nothing to its loss, gradient or metrics", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset();
  const run = async (filler: number) => {
    const model = makeModel();
    const history = await train(
      model,
      { ...data, train: masked(data.train, filler), validation: masked(data.validation, filler) },
      { epochs: 2, batchSize: 32 },
    );
    model.dispose();
    return withoutTiming(history);
  };
  const withNaN = await run(Number.NaN);
  assert.deepEqual(await run(1e6), withNaN, "the masked targets' values change nothing");
  assert.ok(Number.isFinite(withNaN.final.validation!.metrics.b!.rmse!));
  // Evaluation over the labelled samples equals evaluation on the split restricted to them.
  const model = makeModel();
  const split = masked(data.validation, Number.NaN);
  const keep = Array.from({ length: split.size }, (_, i) => i).filter((i) => split.masks!.b![i]);
  const subset: Split = {
    size: keep.length,
    inputs: {
      x: {
        ...split.inputs.x!,
        values: Float32Array.from(keep.flatMap((i) => Array.from(split.inputs.x!.values.subarray(4 * i, 4 * i + 4)))),
      },
    },
    targets: {
      a: { ...split.targets.a!, values: Int32Array.from(keep, (i) => split.targets.a!.values[i]!) },
      b: { ...split.targets.b!, values: Float32Array.from(keep, (i) => split.targets.b!.values[i]!) },
    },
  };
  const full = evaluate(model, split);
  const restricted = evaluate(model, subset);
  assert.ok(Math.abs(full.losses.b! - restricted.losses.b!) < 1e-6);
  assert.ok(Math.abs(full.metrics.b!.rmse! - restricted.metrics.b!.rmse!) < 1e-6);
  model.dispose();
});

test("a NaN or infinite loss stops training with the step and the task", async () => {
  await initBackend({ backend: "cpu" });
  const data = makeDataset();
  const broken = {
    ...data.train,
    targets: {
      ...data.train.targets,
      b: { ...data.train.targets.b!, values: new Float32Array(data.train.size).fill(Number.NaN) },
    },
  };
  const model = makeModel();
  const before = tf.memory().numTensors;
  await rejectsCode(
    train(model, broken, { epochs: 1, batchSize: 64 }),
    "non-finite-loss",
    /^task "b" has loss NaN at step 0 \(epoch 0\); lower the learning rate/,
  );
  assert.equal(tf.memory().numTensors, before, "the failed step frees its tensors");
  const exploding = {
    ...data.train,
    targets: {
      ...data.train.targets,
      b: { ...data.train.targets.b!, values: new Float32Array(data.train.size).fill(3e38) },
    },
  };
  await rejectsCode(
    train(model, exploding, { epochs: 1, batchSize: 64 }),
    "non-finite-loss",
    /task "b" has loss Infinity at step 0/,
  );
  for (const gradientMode of ["param", "representation"] as const) {
    await rejectsCode(
      train(model, broken, { epochs: 1, batchSize: 64, weighting: twoTaskMgda, gradientMode }),
      "non-finite-loss",
      /task "b" has loss NaN at step 0/,
    );
  }
  assert.equal(tf.memory().numTensors, before, "failed gradient-method steps free their tensors");
  model.dispose();
});

test("train checks the data and the heads against the tasks before the first step", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel();
  const split = makeSplit(16, 3);
  const { b: _b, ...onlyA } = split.targets;
  await rejectsCode(
    train(model, { ...split, targets: onlyA }),
    "unknown-task",
    /task "b" is not in the training split's targets; rename the task to one of "a"/,
  );
  // A task declared with 4 classes on a model whose head has 3 outputs.
  const wrongHead: MultiTaskModel = {
    ...model,
    tasks: [{ name: "a", kind: "classification", classes: 4 }, model.tasks[1]!],
  };
  await rejectsCode(
    train(wrongHead, split),
    "class-count-mismatch",
    /^task "a" has 4 classes but its head outputs 3 values per sample; give the head 4 units, or set classes: 3\.$/,
  );
  // "Spot the bug": heads stacked one after another leave a single output.
  const stacked: MultiTaskModel = {
    ...model,
    forward: (inputs, options) => {
      const out = model.forward(inputs, options);
      out.b!.dispose();
      return { a: out.a! };
    },
  };
  await rejectsCode(train(stacked, split), "missing-output", /model has no output for task "b".*side by side/);
  await rejectsCode(
    train(model, split, { tasks: { b: { loss: "crossEntropy" } } }),
    "loss-kind-mismatch",
    /task "b" has kind "regression" but loss "crossEntropy" needs kind "classification"; use loss "mse"/,
  );
  await rejectsCode(train(model, split, { batchSize: 0 }), "bad-option", /batchSize is 0 but must be an integer ≥ 1/);
  await rejectsCode(
    train(model, split, { epochs: 2, earlyStopping: { monitor: "c.accuracy" } }),
    "unknown-monitor",
    /monitors "c.accuracy"/,
  );
  model.dispose();
});
