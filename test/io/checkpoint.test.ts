import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { MtlError } from "../../src/errors";
import { hardSharing, mlp } from "../../src/arch";
import { saveModel, loadModel, loadModelWeights, saveCheckpoint, loadCheckpoint } from "../../src/io";
import { encodeTensors, decodeTensors } from "../../src/io/tensor-records";
import { makeModel, weightsOf } from "../train/fixtures";

const scratchDirs: string[] = [];
const scratch = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mtlkit-io-"));
  scratchDirs.push(dir);
  return dir;
};
after(() => scratchDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const leftovers = (dir: string): string[] => fs.readdirSync(path.dirname(dir)).filter((name) => name.includes(".tmp-"));

test("tensors survive encoding, float32 and int32 alike", async () => {
  await initBackend({ backend: "cpu" });
  const a = tf.tensor2d([
    [1.5, -2],
    [3, 4e-8],
  ]);
  const b = tf.tensor1d([7, -9], "int32");
  const { manifest, data } = encodeTensors({
    g: [
      { name: "a", tensor: a },
      { name: "b", tensor: b },
    ],
  });
  const decoded = decodeTensors(manifest, data);
  assert.deepEqual(
    decoded.g!.map((entry) => [
      entry.name,
      entry.tensor.dtype,
      entry.tensor.shape,
      Array.from(entry.tensor.dataSync()),
    ]),
    [
      ["a", "float32", [2, 2], Array.from(a.dataSync())],
      ["b", "int32", [2], [7, -9]],
    ],
  );
  tf.dispose([a, b, ...decoded.g!.map((entry) => entry.tensor)]);
});

test("saveModel then loadModelWeights into a fresh build gives the same weights and predictions", async () => {
  await initBackend({ backend: "cpu" });
  const dir = path.join(scratch(), "model");
  const saved = makeModel(1);
  await saveModel(saved, dir);
  const loaded = makeModel(2);
  assert.notDeepEqual(weightsOf(loaded), weightsOf(saved));
  const before = tf.memory().numTensors;
  const description = loadModelWeights(loaded, dir) as {
    config: { architecture: string };
    tasks: { name: string }[];
    parameters: { total: number };
  };
  assert.equal(tf.memory().numTensors, before, "loading frees the checkpoint's tensors");
  assert.deepEqual(weightsOf(loaded), weightsOf(saved));
  assert.equal(description.config.architecture, "hardSharing");
  assert.deepEqual(
    description.tasks.map((task) => task.name),
    ["a", "b"],
  );
  assert.equal(description.parameters.total, 4 * 16 + 16 + (16 * 3 + 3) + (16 + 1));
  const rebuilt = loadModel(dir);
  assert.deepEqual(weightsOf(rebuilt), weightsOf(saved));
  const x = tf.randomNormal([3, 4]);
  const p1 = saved.predict({ x });
  const p2 = rebuilt.predict({ x });
  assert.deepEqual(Array.from(p1.a!.dataSync()), Array.from(p2.a!.dataSync()));
  assert.deepEqual(Array.from(p1.b!.dataSync()), Array.from(p2.b!.dataSync()));
  tf.dispose([x, ...Object.values(p1), ...Object.values(p2)]);
  rebuilt.dispose();
  await assert.rejects(
    saveModel(saved, dir),
    (error: unknown) => error instanceof MtlError && error.code === "checkpoint-exists",
  );
  const other = hardSharing({ trunk: mlp({ inputShape: [4], hidden: [8] }), tasks: saved.tasks });
  assert.throws(
    () => loadModelWeights(other, dir),
    (error: unknown) =>
      error instanceof MtlError &&
      error.code === "checkpoint-mismatch" &&
      /group "model\/shared" tensor 0 has shape \[4, 16\] but the model's variable has \[4, 8\]/.test(error.message),
  );
  assert.throws(
    () => loadModelWeights(other, `${dir}-absent`),
    (error: unknown) => error instanceof MtlError && error.code === "checkpoint-missing",
  );
  [saved, loaded, other].forEach((m) => m.dispose());
});

test("a save that fails mid-write leaves the previous checkpoint whole, or none, and no temporary folder", async () => {
  await initBackend({ backend: "cpu" });
  const dir = path.join(scratch(), "checkpoint");
  const tensor = tf.tensor1d([1, 2, 3]);
  await saveCheckpoint(dir, { description: { version: "old" }, tensors: { g: [{ name: "t", tensor }] } });
  const original = fs.writeFileSync;
  let writes = 0;
  fs.writeFileSync = ((...args: Parameters<typeof fs.writeFileSync>) => {
    if (++writes === 2) throw new Error("disk full (simulated)");
    return original(...args);
  }) as typeof fs.writeFileSync;
  try {
    await assert.rejects(
      saveCheckpoint(
        dir,
        { description: { version: "new" }, tensors: { g: [{ name: "t", tensor }] } },
        { overwrite: true },
      ),
      /disk full/,
    );
    writes = 0;
    await assert.rejects(saveCheckpoint(`${dir}-fresh`, { description: {}, tensors: {} }), /disk full/);
  } finally {
    fs.writeFileSync = original;
  }
  const checkpoint = loadCheckpoint(dir);
  assert.deepEqual(checkpoint.description, { version: "old" });
  assert.deepEqual(Array.from(checkpoint.tensors.g![0]!.tensor.dataSync()), [1, 2, 3]);
  checkpoint.dispose();
  assert.equal(fs.existsSync(`${dir}-fresh`), false);
  assert.deepEqual(leftovers(dir), []);
  tensor.dispose();
});

test("a save interrupted between moving the old checkpoint aside and the new one in still loads", async () => {
  await initBackend({ backend: "cpu" });
  const dir = path.join(scratch(), "checkpoint");
  await saveCheckpoint(dir, { description: { version: "old" }, tensors: {} });
  const original = fs.renameSync;
  let renames = 0;
  fs.renameSync = ((...args: Parameters<typeof fs.renameSync>) => {
    if (++renames === 2) throw new Error("power cut (simulated)");
    return original(...args);
  }) as typeof fs.renameSync;
  try {
    await assert.rejects(
      saveCheckpoint(dir, { description: { version: "new" }, tensors: {} }, { overwrite: true }),
      /power cut/,
    );
  } finally {
    fs.renameSync = original;
  }
  assert.equal(fs.existsSync(dir), false);
  const checkpoint = loadCheckpoint(dir);
  assert.deepEqual(checkpoint.description, { version: "old" });
  assert.match(checkpoint.dir, /checkpoint\.old-/);
  checkpoint.dispose();
});

test("a process killed in the middle of a save leaves the previous checkpoint loadable", async () => {
  await initBackend({ backend: "cpu" });
  const dir = path.join(scratch(), "checkpoint");
  const script = `
    const fs = require("node:fs");
    const tf = require("@tensorflow/tfjs-core");
    require("@tensorflow/tfjs-backend-cpu");
    const { saveCheckpoint } = require(${JSON.stringify(path.resolve(__dirname, "../../src/io"))});
    (async () => {
      await tf.setBackend("cpu");
      const t = tf.tensor1d([1, 2, 3]);
      await saveCheckpoint(${JSON.stringify(dir)}, { description: { version: "old" }, tensors: { g: [{ name: "t", tensor: t }] } });
      const write = fs.writeFileSync;
      fs.writeFileSync = (file, data) => { write(file, data.slice ? data.slice(0, 5) : data); process.kill(process.pid, "SIGKILL"); };
      await saveCheckpoint(${JSON.stringify(dir)}, { description: { version: "new" }, tensors: { g: [{ name: "t", tensor: tf.tensor1d([4, 5, 6]) }] } }, { overwrite: true });
    })();`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    cwd: path.resolve(__dirname, "../.."),
    encoding: "utf8",
  });
  assert.equal(child.signal, "SIGKILL", child.stderr);
  assert.equal(leftovers(dir).length, 1, "the killed save left its temporary folder, and nothing else");
  const checkpoint = loadCheckpoint(dir);
  assert.deepEqual(checkpoint.description, { version: "old" });
  assert.deepEqual(Array.from(checkpoint.tensors.g![0]!.tensor.dataSync()), [1, 2, 3]);
  checkpoint.dispose();
});
