import { test } from "node:test";
import assert from "node:assert/strict";
import { loadMultiMnist } from "../../src/data";
import { readMnist } from "../../src/data/read-mnist";
import { MtlError } from "../../src/errors";
import { sameSplit } from "./same-split";

test("loadMultiMnist returns the contract's shape with the Sener & Koltun defaults", async () => {
  const data = await loadMultiMnist({ seed: 1, train: 600, validation: 100, test: 200 });
  assert.deepEqual(
    data.tasks.map((task) => task.name),
    ["left", "right"],
  );
  assert.deepEqual(data.train.inputs.image?.shape, [36, 36, 1]);
  assert.equal(data.train.size, 600);
  assert.equal(data.validation.size, 100);
  assert.equal(data.test.size, 200);
  assert.equal(data.train.inputs.image?.values.length, 600 * 36 * 36);
  for (const split of [data.train, data.validation, data.test]) {
    for (const task of ["left", "right"]) {
      const labels = split.targets[task];
      assert.equal(labels?.dtype, "int32");
      assert.ok(labels?.values.every((label) => Number.isInteger(label) && label >= 0 && label <= 9));
    }
    const image = split.inputs.image?.values ?? [];
    assert.ok(image.every((value) => value >= 0 && value <= 1));
  }
});

test("each sample's labels name the two MNIST images that compose its canvas", async () => {
  const data = await loadMultiMnist({ seed: 5, train: 20, validation: 0, test: 20 });
  const pool = readMnist("train");
  const image = data.train.inputs.image?.values as Float32Array;
  for (let i = 0; i < 3; i++) {
    const canvas = image.subarray(i * 1296, (i + 1) * 1296);
    // The left image alone fills canvas rows/cols 0–5, the right image alone rows/cols 34–35 and its own rows/cols 22–27.
    const lefts = candidates(pool.images, pool.count, canvas, 0, (r, c) => r < 6 || c < 6);
    const rights = candidates(pool.images, pool.count, canvas, 6, (r, c) => r >= 22 || c >= 22);
    const pairs = lefts.flatMap((l) =>
      rights.filter((r) => composes(pool.images, l, r, canvas)).map((r) => [l, r] as const),
    );
    assert.ok(pairs.length > 0, `sample ${i}: some pair of MNIST images reproduces the canvas`);
    const labels = [data.train.targets.left?.values[i], data.train.targets.right?.values[i]];
    assert.ok(
      pairs.some(([l, r]) => pool.labels[l] === labels[0] && pool.labels[r] === labels[1]),
      `sample ${i}: labels ${labels}`,
    );
  }
});

const pixel = (images: Uint8Array, index: number, r: number, c: number) =>
  Math.fround((images[index * 784 + r * 28 + c] as number) / 255);

/** Images that fit under the canvas at `offset` and equal it where only they can show. */
function candidates(
  images: Uint8Array,
  count: number,
  canvas: Float32Array,
  offset: number,
  alone: (r: number, c: number) => boolean,
): number[] {
  const found: number[] = [];
  for (let index = 0; index < count; index++) {
    let ok = true;
    for (let r = 0; r < 28 && ok; r++) {
      for (let c = 0; c < 28 && ok; c++) {
        const value = pixel(images, index, r, c);
        const shown = canvas[(r + offset) * 36 + c + offset] as number;
        ok = alone(r, c) ? value === shown : value <= shown;
      }
    }
    if (ok) found.push(index);
  }
  return found;
}

function composes(images: Uint8Array, left: number, right: number, canvas: Float32Array): boolean {
  for (let r = 0; r < 36; r++) {
    for (let c = 0; c < 36; c++) {
      const a = r < 28 && c < 28 ? pixel(images, left, r, c) : 0;
      const b = r >= 6 && c >= 6 && r < 34 && c < 34 ? pixel(images, right, r - 6, c - 6) : 0;
      if (Math.max(a, b) !== canvas[r * 36 + c]) return false;
    }
  }
  return true;
}

test("left and right classes are roughly balanced", async () => {
  const data = await loadMultiMnist({ seed: 2, train: 3000, validation: 0, test: 100 });
  for (const task of ["left", "right"]) {
    const counts = new Array<number>(10).fill(0);
    for (const label of data.train.targets[task]?.values ?? []) counts[label]! += 1;
    for (const count of counts)
      assert.ok(count > 0.07 * 3000 && count < 0.13 * 3000, `${task}: class share ${count / 3000}`);
  }
});

test("same seed gives identical splits, a different seed different ones", async () => {
  const options = { train: 300, validation: 50, test: 100 };
  const a = await loadMultiMnist({ ...options, seed: 3 });
  const b = await loadMultiMnist({ ...options, seed: 3 });
  const c = await loadMultiMnist({ ...options, seed: 4 });
  for (const split of ["train", "validation", "test"] as const) {
    assert.ok(sameSplit(a[split], b[split]), `${split} reproduces`);
    assert.ok(!sameSplit(a[split], c[split]), `${split} changes with the seed`);
  }
  const bigger = await loadMultiMnist({ ...options, seed: 3, train: 400 });
  assert.ok(sameSplit(a.test, bigger.test), "the test split does not depend on the training size");
});

test("resize: 28 gives Sener & Koltun's 28×28 nearest-neighbour images", async () => {
  const full = await loadMultiMnist({ seed: 7, train: 10, validation: 0, test: 10 });
  const small = await loadMultiMnist({ seed: 7, train: 10, validation: 0, test: 10, resize: 28 });
  assert.deepEqual(small.train.inputs.image?.shape, [28, 28, 1]);
  const big = full.train.inputs.image?.values as Float32Array;
  const resized = small.train.inputs.image?.values as Float32Array;
  const source = (i: number) => Math.floor(((i + 0.5) * 36) / 28);
  for (const [row, col] of [
    [0, 0],
    [27, 27],
    [13, 20],
    [20, 13],
  ] as const) {
    assert.equal(resized[row * 28 + col], big[source(row) * 36 + source(col)]);
  }
});

test("bad options and unknown tasks fail with clear errors", async () => {
  await assert.rejects(
    loadMultiMnist({ tasks: ["depth"] }),
    (error: MtlError) => error.code === "unknown-task" && /"left", "right"/.test(error.message),
  );
  await assert.rejects(
    loadMultiMnist({ train: 60000, validation: 500 }),
    (error: MtlError) => error.code === "bad-option" && /train/.test(error.message),
  );
  await assert.rejects(
    loadMultiMnist({ shift: 9 }),
    (error: MtlError) => error.code === "bad-option" && /shift/.test(error.message),
  );
  const only = await loadMultiMnist({ tasks: ["right"], train: 10, validation: 0, test: 10 });
  assert.deepEqual(Object.keys(only.train.targets), ["right"]);
});

test("MNIST is parsed once and held as views of the file, not copies", () => {
  const pool = readMnist("train");
  assert.equal(readMnist("train"), pool);
  assert.equal(pool.images.byteOffset, 16);
  assert.equal(pool.count, 60000);
  assert.equal(readMnist("test").count, 10000);
});
