import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadMovieLens100k } from "../../src/data";
import type { MtlError } from "../../src/errors";
import { sameSplit } from "./same-split";

const dataDir = process.env.MTL_DATA_DIR ?? join(__dirname, "..", "..", "..", "shared", "datasets");
const present = existsSync(join(dataDir, "ml-100k", "u.data"));
const skip = present ? false : `MovieLens-100k not found under ${dataDir} (set MTL_DATA_DIR)`;

test("MovieLens-100k: ratings, sampled negatives and features have the documented ranges", { skip }, async () => {
  const data = await loadMovieLens100k({ seed: 0, dataDir });
  assert.equal(data.users, 943);
  assert.equal(data.items, 1682);
  assert.equal(data.genreNames.length, 19);
  assert.equal(data.occupationNames.length, 21);
  assert.equal(data.train.size + data.validation.size + data.test.size, 2 * 100000);
  assert.equal(data.test.size, 2 * 10000);
  const { inputs, targets, masks } = data.train;
  const rating = targets.rating?.values as Float32Array;
  const watched = targets.watched?.values as Float32Array;
  let positives = 0;
  let starSum = 0;
  for (let i = 0; i < data.train.size; i++) {
    assert.equal(masks?.rating?.[i], watched[i], "rating is labelled exactly on watched pairs");
    if (watched[i] === 1) {
      positives++;
      starSum += rating[i] as number;
      assert.ok((rating[i] as number) >= 1 && (rating[i] as number) <= 5);
    }
  }
  assert.equal(positives, data.train.size / 2, "one negative per rating");
  assert.ok(Math.abs(starSum / positives - 3.53) < 0.03, `mean rating ${starSum / positives} (MovieLens-100k: 3.53)`);
  assert.ok(
    inputs.user?.values.every((u) => u >= 0 && u < 943) && inputs.item?.values.every((i) => i >= 0 && i < 1682),
  );
  assert.ok(inputs.age?.values.every((a) => a > 0.05 && a < 0.8));
  assert.ok(
    inputs.gender?.values.every((g) => g === 0 || g === 1) && inputs.occupation?.values.every((o) => o >= 0 && o < 21),
  );
  assert.deepEqual(inputs.genres?.shape, [19]);
});

test("sampled negatives are pairs the user never rated", { skip }, async () => {
  const data = await loadMovieLens100k({ seed: 1, dataDir, ratings: 5000 });
  const all = await loadMovieLens100k({ seed: 1, dataDir, validation: 0, test: 0, negatives: 0 });
  const rated = new Set<number>();
  const users = all.train.inputs.user?.values as Int32Array;
  const items = all.train.inputs.item?.values as Int32Array;
  for (let i = 0; i < all.train.size; i++) rated.add((users[i] as number) * 1682 + (items[i] as number));
  assert.equal(rated.size, 100000);
  for (const split of [data.train, data.validation, data.test]) {
    for (let i = 0; i < split.size; i++) {
      const key = (split.inputs.user?.values[i] as number) * 1682 + (split.inputs.item?.values[i] as number);
      assert.equal(rated.has(key), split.targets.watched?.values[i] === 1);
    }
  }
});

test("MovieLens-100k splits are seeded; unknown tasks and a missing folder are clear errors", { skip }, async () => {
  const a = await loadMovieLens100k({ seed: 2, dataDir, ratings: 2000 });
  const b = await loadMovieLens100k({ seed: 2, dataDir, ratings: 2000 });
  const c = await loadMovieLens100k({ seed: 3, dataDir, ratings: 2000 });
  assert.ok(sameSplit(a.train, b.train) && sameSplit(a.test, b.test));
  assert.ok(!sameSplit(a.train, c.train));
  await assert.rejects(
    loadMovieLens100k({ dataDir, tasks: ["ctr"] }),
    (error: MtlError) => error.code === "unknown-task" && /"rating", "watched"/.test(error.message),
  );
  await assert.rejects(
    loadMovieLens100k({ dataDir: "/nonexistent/datasets" }),
    (error: MtlError) =>
      error.code === "data-missing" &&
      /\/nonexistent\/datasets\/ml-100k/.test(error.message) &&
      /MTL_DATA_DIR/.test(error.message),
  );
});

test(
  "the 80/20 split of TFRS's tutorial is seeded: the same seed gives the same split, another seed another",
  { skip },
  async () => {
    const options = { dataDir, tasks: ["retrieval", "rating", "liked"], validation: 0, test: 0.2, negatives: 0 };
    const [a, b, c] = await Promise.all([42, 42, 7].map((seed) => loadMovieLens100k({ ...options, seed })));
    assert.equal(a.train.size, 80000);
    assert.equal(a.test.size, 20000);
    sameSplit(a.train, b.train);
    sameSplit(a.test, b.test);
    const key = (split: typeof a.test, i: number) => `${split.inputs.user?.values[i]}:${split.inputs.item?.values[i]}`;
    const testPairs = new Set(Array.from({ length: a.test.size }, (_, i) => key(a.test, i)));
    let shared = 0;
    for (let i = 0; i < c.test.size; i++) if (testPairs.has(key(c.test, i))) shared++;
    assert.ok(
      shared < 0.3 * c.test.size,
      `seed 7 shares ${shared} of 20,000 test pairs with seed 42 (≈ 20% by chance)`,
    );
    for (let i = 0; i < a.train.size; i++) assert.ok(!testPairs.has(key(a.train, i)), "train and test are disjoint");
    const { targets, inputs } = a.test;
    for (let i = 0; i < a.test.size; i++) {
      assert.equal(targets.retrieval?.values[i], inputs.item?.values[i], "retrieval's target is the rated item");
      assert.equal(targets.liked?.values[i], (targets.rating?.values[i] as number) >= 4 ? 1 : 0);
    }
    assert.deepEqual(
      a.tasks.map((task) => [task.name, task.kind]),
      [
        ["retrieval", "retrieval"],
        ["rating", "regression"],
        ["liked", "binary"],
      ],
    );
  },
);
