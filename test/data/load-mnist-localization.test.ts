import { test } from "node:test";
import assert from "node:assert/strict";
import { loadMnistLocalization } from "../../src/data";
import type { MtlError } from "../../src/errors";
import { sameSplit } from "./same-split";

test("every box is the tight box of the image's non-zero pixels, as [xMin, yMin, xMax, yMax] / canvas", async () => {
  const canvas = 48;
  const data = await loadMnistLocalization({ seed: 1, train: 300, validation: 50, test: 100, canvas });
  assert.deepEqual(data.train.inputs.image?.shape, [48, 48, 1]);
  assert.deepEqual(data.train.targets.box?.shape, [4]);
  for (const split of [data.train, data.validation, data.test]) {
    const images = split.inputs.image?.values as Float32Array;
    const boxes = split.targets.box?.values as Float32Array;
    for (let i = 0; i < split.size; i++) {
      let [xMin, yMin, xMax, yMax] = [canvas, canvas, -1, -1];
      for (let y = 0; y < canvas; y++) {
        for (let x = 0; x < canvas; x++) {
          if ((images[i * canvas * canvas + y * canvas + x] as number) === 0) continue;
          [xMin, yMin, xMax, yMax] = [
            Math.min(xMin, x),
            Math.min(yMin, y),
            Math.max(xMax, x + 1),
            Math.max(yMax, y + 1),
          ];
        }
      }
      const box = Array.from(boxes.subarray(i * 4, i * 4 + 4), (v) => Math.round(v * canvas));
      assert.deepEqual(box, [xMin, yMin, xMax, yMax], `sample ${i}`);
      assert.ok(boxes.subarray(i * 4, i * 4 + 4).every((v) => v >= 0 && v <= 1));
    }
  }
});

test("digits are balanced and positions spread over the canvas", async () => {
  const data = await loadMnistLocalization({ seed: 2, train: 2000, validation: 0, test: 10 });
  const counts = new Array<number>(10).fill(0);
  for (const digit of data.train.targets.digit?.values ?? []) counts[digit]! += 1;
  for (const count of counts) assert.ok(count > 0.06 * 2000 && count < 0.14 * 2000);
  const boxes = data.train.targets.box?.values as Float32Array;
  const lefts = Array.from({ length: 2000 }, (_, i) => boxes[i * 4] as number);
  assert.ok(Math.min(...lefts) < 0.15 && Math.max(...lefts) > 0.4, "x positions cover the canvas");
});

test("loadMnistLocalization is seeded and checks its options", async () => {
  const a = await loadMnistLocalization({ seed: 3, train: 50, validation: 10, test: 10 });
  const b = await loadMnistLocalization({ seed: 3, train: 50, validation: 10, test: 10 });
  const c = await loadMnistLocalization({ seed: 4, train: 50, validation: 10, test: 10 });
  assert.ok(sameSplit(a.train, b.train) && sameSplit(a.test, b.test));
  assert.ok(!sameSplit(a.train, c.train));
  await assert.rejects(
    loadMnistLocalization({ tasks: ["digit", "segmentation"] }),
    (error: MtlError) => error.code === "unknown-task" && /"digit", "box", "mask"/.test(error.message),
  );
  await assert.rejects(
    loadMnistLocalization({ canvas: 20 }),
    (error: MtlError) => error.code === "bad-option" && /canvas/.test(error.message),
  );
});

test("the mask task marks exactly the digit's pixels ≥ 0.5, inside its box, and is opt-in", async () => {
  const canvas = 40;
  const data = await loadMnistLocalization({
    seed: 4,
    train: 50,
    validation: 0,
    test: 10,
    canvas,
    tasks: ["digit", "box", "mask"],
  });
  assert.deepEqual(
    data.tasks.map((task) => task.name),
    ["digit", "box", "mask"],
  );
  assert.deepEqual(data.tasks[2], { ...data.tasks[2], kind: "mask", size: canvas * canvas });
  const images = data.train.inputs.image?.values as Float32Array;
  const masks = data.train.targets.mask?.values as Float32Array;
  const boxes = data.train.targets.box?.values as Float32Array;
  assert.equal(masks.length, 50 * canvas * canvas);
  let on = 0;
  for (let i = 0; i < masks.length; i++) {
    assert.equal(masks[i], (images[i] as number) >= 0.5 ? 1 : 0);
    if (masks[i] === 0) continue;
    on++;
    const [n, pixel] = [Math.floor(i / (canvas * canvas)), i % (canvas * canvas)];
    const [x, y] = [pixel % canvas, Math.floor(pixel / canvas)];
    const box = Array.from(boxes.subarray(n * 4, n * 4 + 4), (v) => Math.round(v * canvas));
    assert.ok(
      x >= (box[0] as number) && x < (box[2] as number) && y >= (box[1] as number) && y < (box[3] as number),
      `pixel ${i}`,
    );
  }
  assert.ok(on > 50 * 50, `${on} foreground pixels`);
  const again = await loadMnistLocalization({ seed: 4, train: 50, validation: 0, test: 10, canvas, tasks: ["mask"] });
  assert.deepEqual(again.train.targets.mask?.values, masks);
  const plain = await loadMnistLocalization({ seed: 4, train: 50, validation: 0, test: 10, canvas });
  assert.deepEqual(
    plain.tasks.map((task) => task.name),
    ["digit", "box"],
  );
  assert.deepEqual(plain.train.inputs.image?.values, images);
  assert.deepEqual(plain.train.targets.box?.values, boxes);
});
