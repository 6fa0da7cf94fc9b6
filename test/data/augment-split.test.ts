import { test } from "node:test";
import assert from "node:assert/strict";
import { augmentSplit, checkAugmentation, loadMnistLocalization } from "../../src/data";
import type { Split } from "../../src/data";
import { throwsCode } from "../tasks/throws-code";

const canvas = 36;

// The tight box of sample i's pixels ≠ 0, in pixels, and its pixels ≥ 0.5 — both read from the image alone.
function fromPixels(split: Split, i: number): { box: number[]; mask: number[] } {
  const image = (split.inputs.image?.values as Float32Array).subarray(i * canvas * canvas, (i + 1) * canvas * canvas);
  let [xMin, yMin, xMax, yMax] = [canvas, canvas, -1, -1];
  image.forEach((value, k) => {
    if (value === 0) return;
    const [x, y] = [k % canvas, Math.floor(k / canvas)];
    [xMin, yMin, xMax, yMax] = [Math.min(xMin, x), Math.min(yMin, y), Math.max(xMax, x + 1), Math.max(yMax, y + 1)];
  });
  return { box: [xMin, yMin, xMax, yMax], mask: Array.from(image, (value) => (value >= 0.5 ? 1 : 0)) };
}

test("boxes and masks move with the pixels under shifts, flips and 180° rotations", async () => {
  const data = await loadMnistLocalization({
    seed: 5,
    train: 60,
    validation: 0,
    test: 1,
    canvas,
    tasks: ["digit", "box", "mask"],
  });
  for (const transforms of [
    ["shift"],
    ["flipHorizontal"],
    ["flipVertical", "shift"],
    ["rotate180", "shift"],
  ] as const) {
    const moved = augmentSplit(data.train, {
      tasks: data.tasks,
      transforms,
      seed: 7,
      maxShift: 6,
      invariances: { digit: ["flipHorizontal", "flipVertical", "rotate180"] },
    });
    let changed = 0;
    for (let i = 0; i < moved.size; i++) {
      const truth = fromPixels(moved, i);
      const box = Array.from((moved.targets.box?.values as Float32Array).subarray(4 * i, 4 * i + 4), (v) =>
        Math.round(v * canvas),
      );
      assert.deepEqual(box, truth.box, `${transforms} sample ${i}: box`);
      const mask = Array.from(
        (moved.targets.mask?.values as Float32Array).subarray(i * canvas * canvas, (i + 1) * canvas * canvas),
      );
      assert.deepEqual(mask, truth.mask, `${transforms} sample ${i}: mask`);
      if (box.join() !== fromPixels(data.train, i).box.join()) changed++;
    }
    assert.ok(changed > moved.size / 3, `${transforms}: only ${changed} of ${moved.size} samples moved`);
    assert.deepEqual(moved.targets.digit?.values, data.train.targets.digit?.values, "classes are copied");
  }
});

test("augmentation is seeded and leaves the original split untouched", async () => {
  const data = await loadMnistLocalization({
    seed: 6,
    train: 20,
    validation: 0,
    test: 1,
    canvas,
    tasks: ["box", "mask"],
  });
  const before = Float32Array.from(data.train.inputs.image?.values as Float32Array);
  const options = { tasks: data.tasks, transforms: ["shift", "flipHorizontal"] as const, seed: 3 };
  const a = augmentSplit(data.train, options);
  const b = augmentSplit(data.train, options);
  const c = augmentSplit(data.train, { ...options, seed: 4 });
  assert.deepEqual(a.inputs.image?.values, b.inputs.image?.values);
  assert.notDeepEqual(a.inputs.image?.values, c.inputs.image?.values);
  assert.deepEqual(data.train.inputs.image?.values, before);
});

test("a flip or rotation a class cannot follow is refused naming the task; shifts pass", () => {
  const digit = { name: "digit", kind: "classification" as const, classes: 10 };
  const box = { name: "box", kind: "bbox" as const };
  checkAugmentation([digit, box], ["shift"]);
  checkAugmentation([box], ["rotate180", "flipHorizontal"]);
  throwsCode(
    () => checkAugmentation([box, digit], ["shift", "rotate180"]),
    "augmentation-changes-label",
    /task "digit" .* "rotate180".*a 6 turned 180° is a 9/,
  );
  throwsCode(() => checkAugmentation([digit], ["flipHorizontal"]), "augmentation-changes-label", /task "digit"/);
  checkAugmentation([digit], ["flipHorizontal"], { digit: ["flipHorizontal"] });
  throwsCode(() => checkAugmentation([digit], ["rotate90" as never]), "unknown-transform", /"rotate90".*/);
});

test("boxes outside [0, 1] are refused before augmenting, naming the task", async () => {
  const data = await loadMnistLocalization({ seed: 6, train: 2, validation: 0, test: 1, canvas, tasks: ["box"] });
  const values = Float32Array.from(data.train.targets.box?.values as Float32Array, (v) => v * canvas);
  const inPixels = { ...data.train, targets: { box: { ...data.train.targets.box!, values } } };
  throwsCode(
    () => augmentSplit(inPixels, { tasks: data.tasks, transforms: ["shift"] }),
    "box-out-of-range",
    /task "box"'s box of sample 0/,
  );
});
