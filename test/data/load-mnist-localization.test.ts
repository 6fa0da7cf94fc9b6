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
          [xMin, yMin, xMax, yMax] = [Math.min(xMin, x), Math.min(yMin, y), Math.max(xMax, x + 1), Math.max(yMax, y + 1)];
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
  await assert.rejects(loadMnistLocalization({ tasks: ["digit", "mask"] }), (error: MtlError) => error.code === "unknown-task" && /"digit", "box"/.test(error.message));
  await assert.rejects(loadMnistLocalization({ canvas: 20 }), (error: MtlError) => error.code === "bad-option" && /canvas/.test(error.message));
});
