import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { convMap, hardSharing, modelFromConfig } from "../../src/arch";
import { loadMnistLocalization } from "../../src/data";
import { loadCheckpoint, loadModel, restoreModel, saveModel } from "../../src/io";
import { train } from "../../src/train";
import type { Task } from "../../src/tasks";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mtlkit-vision-io-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a lesson-09 model (convMap trunk, sigmoid GIoU box head, mask decoder) round-trips through saveModel", async () => {
  await initBackend({ backend: "cpu" });
  const data = await loadMnistLocalization({
    seed: 4,
    train: 64,
    validation: 0,
    test: 8,
    canvas: 32,
    tasks: ["digit", "box", "mask"],
  });
  const tasks: Task[] = data.tasks.map((task) =>
    task.name === "box" ? { ...task, activation: "sigmoid", loss: "giou" } : task,
  );
  const model = hardSharing({
    trunk: convMap({ inputShape: [32, 32, 1], filters: [4, 8] }),
    tasks,
    head: { hidden: [8] },
    heads: { mask: { hidden: [4] } },
    inputName: "image",
    seed: 5,
  });
  // trained a little, so the saved weights are not the ones the config's seed would rebuild
  await train(model, data, { epochs: 1, batchSize: 32, seed: 6, optimizer: { learningRate: 1e-2 } });
  const images = tf.tensor4d(data.test.inputs.image.values as Float32Array, [8, 32, 32, 1]);
  const outputs = (m: ReturnType<typeof hardSharing>) =>
    tf.tidy(() => Object.fromEntries(Object.entries(m.predict({ image: images })).map(([k, v]) => [k, v.arraySync()])));
  const expected = outputs(model);
  await saveModel(model, path.join(dir, "model"));
  const before = tf.memory().numTensors;

  const rebuilt = modelFromConfig(model.config);
  assert.deepEqual(
    rebuilt.tasks.map((task) => [task.name, task.kind]),
    [
      ["digit", "classification"],
      ["box", "bbox"],
      ["mask", "mask"],
    ],
  );
  assert.notDeepEqual(outputs(rebuilt), expected, "a fresh build should not already predict the trained outputs");
  const checkpoint = loadCheckpoint(path.join(dir, "model"));
  restoreModel(rebuilt, checkpoint);
  checkpoint.dispose();
  assert.deepEqual(outputs(rebuilt), expected);

  const loaded = loadModel(path.join(dir, "model"));
  const again = outputs(loaded);
  assert.deepEqual(again, expected);
  assert.equal((again.mask as number[][])[0]?.length, 32 * 32);
  assert.equal((again.box as number[][])[0]?.length, 4);
  rebuilt.dispose();
  loaded.dispose();
  assert.equal(tf.memory().numTensors, before);
  images.dispose();
  model.dispose();
});
