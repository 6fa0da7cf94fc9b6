import { test } from "node:test";
import assert from "node:assert/strict";
import { maskedWordTask, sampleSplit, scarceLabels } from "../../src/data";
import type { Split } from "../../src/data/types";

const T = 6;
const passages = [
  [4, 9, 2, 7, 0, 0],
  [3, 30, 0, 0, 0, 0],
  [5, 6, 8, 1, 12, 2],
  [2, 0, 0, 0, 0, 0],
];
const split: Split = {
  size: 4,
  inputs: { tokens: { values: Int32Array.from(passages.flat()), shape: [T], dtype: "int32" } },
  targets: {
    party: { values: Int32Array.from([0, 1, 2, 1]), shape: [], dtype: "int32" },
    year: { values: Float32Array.from([0.1, 0.2, 0.3, 0.4]), shape: [], dtype: "float32" },
  },
};

test("sampleSplit keeps inputs, targets and masks of the same samples together", () => {
  const small = sampleSplit(scarceLabels(split, { task: "party", labelled: 2, seed: 3 }), { size: 3, seed: 1 });
  assert.equal(small.size, 3);
  for (let k = 0; k < 3; k++) {
    const year = small.targets.year!.values[k] as number;
    const i = Math.round(year * 10) - 1; // the original index
    assert.deepEqual(Array.from(small.inputs.tokens!.values.subarray(k * T, (k + 1) * T)), passages[i]);
    assert.equal(small.targets.party!.values[k], split.targets.party!.values[i]);
  }
  assert.equal(small.masks!.party!.length, 3);
  assert.deepEqual(sampleSplit(split, { size: 10 }).size, 4);
});

test("scarceLabels keeps exactly `labelled` labels of one task and names unknown tasks", () => {
  const scarce = scarceLabels(split, { task: "party", labelled: 3, seed: 0 });
  assert.equal(
    scarce.masks.party.reduce((a, b) => a + b, 0),
    3,
  );
  assert.equal(scarce.targets, split.targets);
  assert.throws(
    () => scarceLabels(split, { task: "topic", labelled: 1 }),
    (error: Error & { code?: string }) =>
      error.code === "unknown-task" && /use one of "party", "year"/.test(error.message),
  );
});

test("maskedWordTask hides one real word per passage and asks for it", () => {
  const { task, split: out } = maskedWordTask(split, { words: 5, seed: 2 });
  assert.equal(task.classes, 6);
  for (let i = 0; i < 4; i++) {
    const before = passages[i] as number[];
    const after = Array.from(out.inputs.tokens!.values.subarray(i * T, (i + 1) * T));
    const changed = after.flatMap((id, t) => (id !== before[t] ? [t] : []));
    const label = out.targets.maskedWord!.values[i] as number;
    if (changed.length === 0) {
      // the hidden word was already <unk> (id 1): label "rare"
      assert.equal(label, 5);
      continue;
    }
    assert.equal(changed.length, 1);
    const t = changed[0] as number;
    assert.ok(before[t] !== 0 && after[t] === 1, "a real token became <unk>");
    const id = before[t] as number;
    assert.equal(label, id < 7 ? id - 2 : 5);
  }
  assert.deepEqual(Array.from(split.inputs.tokens!.values), passages.flat(), "the input split is untouched");
});
