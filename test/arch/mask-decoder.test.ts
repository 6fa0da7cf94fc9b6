import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, clearSeed } from "../../src/backend";
import { hardSharing, convMap, maskDecoder, countParameters, mlp } from "../../src/arch";
import { loadMnistLocalization } from "../../src/data";
import { train, finalScores } from "../../src/train";
import type { Task } from "../../src/tasks";
import { throwsCode } from "../tasks/throws-code";

test("the mask decoder upsamples a feature map to one logit per pixel, by hand-counted parameters", async () => {
  await initBackend({ backend: "cpu" });
  const mask = { name: "mask", kind: "mask" as const, size: 28 * 28 };
  for (const upsample of ["nearest", "transposed"] as const) {
    const decoder = maskDecoder(mask, [7, 7, 16], { hidden: [8, 4], upsample });
    assert.deepEqual(decoder.build(), [784]);
    const count = decoder.variables().reduce((sum, v) => sum + v.size, 0);
    // nearest: 3·3·16·8 + 8, 3·3·8·4 + 4, 1·1·4 + 1; transposed: 4·4 kernels instead of 3·3
    const side = upsample === "nearest" ? 9 : 16;
    assert.equal(count, side * 16 * 8 + 8 + side * 8 * 4 + 4 + 4 + 1, upsample);
    decoder.dispose();
  }
  throwsCode(() => maskDecoder(mask, [50]), "bad-decoder-input", /task "mask" has a 28×28 mask .* \[50\]/);
  throwsCode(() => maskDecoder(mask, [6, 6, 4]), "bad-decoder-input", /task "mask"/);
  throwsCode(
    () => hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks: [mask] }),
    "bad-decoder-input",
    /task "mask"/,
  );
});

test("one seed fixes the mask decoder's initial weights, given directly or through hardSharing's seed", async () => {
  await initBackend({ backend: "cpu" });
  const mask = { name: "mask", kind: "mask" as const, size: 16 * 16 };
  const weights = (make: () => { variables(): tf.Variable[]; dispose(): void }) => {
    const encoder = make();
    const values = encoder.variables().flatMap((v) => Array.from(v.dataSync()));
    encoder.dispose();
    return values;
  };
  const decoder = (seed: number) => () => {
    const built = maskDecoder(mask, [4, 4, 8], { hidden: [6, 4], seed });
    built.build();
    return built;
  };
  assert.deepEqual(weights(decoder(5)), weights(decoder(5)));
  assert.notDeepEqual(weights(decoder(5)), weights(decoder(6)));
  const model = (seed: number) => () => {
    const built = hardSharing({ trunk: convMap({ inputShape: [16, 16, 1], filters: [8, 8] }), tasks: [mask], seed });
    return { variables: () => built.taskVariables.mask as tf.Variable[], dispose: () => built.dispose() };
  };
  assert.deepEqual(weights(model(2)), weights(model(2)));
});

test("classification, a sigmoid GIoU box head and a mask decoder train together on wasm", async () => {
  await initBackend({ backend: "wasm" });
  const data = await loadMnistLocalization({
    seed: 1,
    train: 400,
    validation: 0,
    test: 100,
    canvas: 32,
    tasks: ["digit", "box", "mask"],
  });
  const tasks: Task[] = data.tasks.map((task) =>
    task.name === "box" ? { ...task, activation: "sigmoid", loss: "giou", metrics: ["iou", "boxAccuracy"] } : task,
  );
  const model = hardSharing({
    trunk: convMap({ inputShape: [32, 32, 1] }),
    tasks,
    head: { hidden: [16] },
    heads: { mask: { hidden: [8] } },
    inputName: "image",
    seed: 2,
  });
  assert.equal(countParameters(model).tasks.mask, (9 * 16 * 8 + 8) * 1 + (9 * 8 * 8 + 8) + 8 + 1);
  const before = tf.memory().numTensors;
  const history = await train(model, data, { epochs: 3, batchSize: 32, seed: 3, optimizer: { learningRate: 5e-3 } });
  const first = history.steps.slice(0, 3),
    last = history.steps.slice(-3);
  const mean = (steps: typeof first, task: string) =>
    steps.reduce((sum, step) => sum + (step.losses[task] as number), 0) / steps.length;
  // Measured over 39 steps (3 epochs): see the assertion messages; the bars leave room for other initialisations.
  assert.ok(mean(last, "digit") < 0.95 * mean(first, "digit"), "digit loss did not fall");
  for (const task of ["box", "mask"]) {
    console.log(task, mean(first, task), mean(last, task));
    assert.ok(
      mean(last, task) < 0.5 * mean(first, task),
      `${task} loss did not fall: ${mean(first, task)} → ${mean(last, task)}`,
    );
  }
  const scores = finalScores(history);
  assert.ok((scores.box?.iou as number) > 0.5, `box IoU ${scores.box?.iou}`);
  assert.ok((scores.mask?.pixelAccuracy as number) > 0.9, `pixel accuracy ${scores.mask?.pixelAccuracy}`);
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
  clearSeed();
});
