import { test } from "node:test";
import assert from "node:assert/strict";
import { fashionClassNames, loadMultiFashion } from "../../src/data";
import { readFashion } from "../../src/data/read-fashion";
import { sameSplit } from "./same-split";

test("loadMultiFashion builds left/right garment pairs with named classes", async () => {
  const data = await loadMultiFashion({ seed: 1, train: 2000, validation: 100, test: 200 });
  assert.deepEqual(
    data.tasks.map((task) => task.name),
    ["left", "right"],
  );
  assert.equal(data.tasks[0]?.labels?.[9], "Ankle boot");
  assert.deepEqual(data.train.inputs.image?.shape, [36, 36, 1]);
  for (const task of ["left", "right"]) {
    const counts = new Array<number>(10).fill(0);
    for (const label of data.train.targets[task]?.values ?? []) counts[label]! += 1;
    for (const count of counts)
      assert.ok(count > 0.06 * 2000 && count < 0.14 * 2000, `${task}: class share ${count / 2000}`);
  }
});

test("Fashion-MNIST parses to 60,000 + 10,000 images, 6,000 / 1,000 per class, in one buffer", () => {
  const train = readFashion("train");
  const testPart = readFashion("test");
  assert.equal(train.count, 60000);
  assert.equal(testPart.count, 10000);
  assert.equal(train.images.buffer, testPart.images.buffer, "train and test are views of one buffer");
  for (const [pool, perClass] of [
    [train, 6000],
    [testPart, 1000],
  ] as const) {
    const counts = new Array<number>(10).fill(0);
    for (const label of pool.labels) counts[label]! += 1;
    assert.deepEqual(counts, new Array(10).fill(perClass));
  }
  // Class 1 (trousers) is tall and narrow: its mean image has more ink in the centre column than at the sides.
  const mean = (col: number) => {
    let sum = 0;
    for (let i = 0; i < train.count; i++)
      if (train.labels[i] === 1) for (let r = 0; r < 28; r++) sum += train.images[i * 784 + r * 28 + col] as number;
    return sum;
  };
  assert.ok(mean(10) > 3 * mean(2), "trousers are in class 1");
  assert.equal(fashionClassNames[1], "Trouser");
});

test("same seed reproduces MultiFashion, another seed changes it", async () => {
  const a = await loadMultiFashion({ seed: 3, train: 100, validation: 10, test: 20 });
  const b = await loadMultiFashion({ seed: 3, train: 100, validation: 10, test: 20 });
  const c = await loadMultiFashion({ seed: 4, train: 100, validation: 10, test: 20 });
  assert.ok(sameSplit(a.train, b.train) && sameSplit(a.test, b.test));
  assert.ok(!sameSplit(a.train, c.train) && !sameSplit(a.test, c.test));
});
