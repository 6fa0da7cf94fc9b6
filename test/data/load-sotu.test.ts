import { test } from "node:test";
import assert from "node:assert/strict";
import { buildVocabulary, encodeTokens, loadSotu, sotuYears, tokenize } from "../../src/data";
import { splitPassages } from "../../src/data/split-passages";
import type { MtlError } from "../../src/errors";
import { sameSplit } from "./same-split";

test("tokenizer, vocabulary and encoder match their documented examples", () => {
  assert.deepEqual(tokenize("In 1862, the Union's army..."), ["in", "<num>", "the", "union's", "army"]);
  assert.deepEqual(buildVocabulary([["a", "b", "a"]], { size: 3, minCount: 1 }), ["<pad>", "<unk>", "a"]);
  assert.deepEqual(Array.from(encodeTokens(["a", "zebra"], new Map([["a", 2]]), 4)), [2, 1, 0, 0]);
  assert.deepEqual(splitPassages("One two three. Four five six. Seven.", 3), [
    "One two three.",
    "Four five six. Seven.",
  ]);
});

test("loadSotu splits by speech, with labels in range", async () => {
  const data = await loadSotu({ seed: 0, vocabularySize: 2000, maxLength: 64 });
  assert.deepEqual(
    data.tasks.map((task) => task.name),
    ["party", "year"],
  );
  assert.deepEqual(data.train.inputs.tokens?.shape, [64]);
  assert.ok(data.train.size > 5000 && data.validation.size > 500 && data.test.size > 500);
  for (const split of [data.train, data.validation, data.test]) {
    assert.ok(split.inputs.tokens?.values.every((id) => id >= 0 && id < 2000));
    assert.ok(split.targets.party?.values.every((label) => label >= 0 && label < 3));
    assert.ok(split.targets.year?.values.every((year) => year >= 0 && year <= 1));
  }
  const texts = new Set(data.texts.train);
  // Whole speeches are held out; a president may still repeat a passage word for word in another year (T. Roosevelt did).
  const repeated = data.texts.test.filter((text) => texts.has(text)).length;
  assert.ok(repeated <= 0.01 * data.test.size, `${repeated} test passages also occur in training`);
  // Both big parties are well represented in training.
  const counts = [0, 0, 0];
  for (const label of data.train.targets.party?.values ?? []) counts[label]! += 1;
  assert.ok(counts[0]! > 0.25 * data.train.size && counts[1]! > 0.25 * data.train.size, `party counts ${counts}`);
  assert.equal(sotuYears.first, 1790);
});

test("the vocabulary comes from the training split only", async () => {
  const data = await loadSotu({ seed: 0, vocabularySize: 1_000_000, minCount: 1 });
  const trainTokens = data.texts.train.map((text) => tokenize(text));
  const trainWords = new Set(trainTokens.flat());
  const vocabulary = new Set(data.vocabulary);
  assert.ok([...trainWords].every((word) => vocabulary.has(word)));
  const unseen = [...new Set(data.texts.test.flatMap((text) => tokenize(text)))].filter(
    (word) => !trainWords.has(word),
  );
  assert.ok(unseen.length > 10, "some test words never occur in training");
  assert.ok(
    unseen.every((word) => !vocabulary.has(word)),
    "and none of them is in the vocabulary",
  );
  assert.equal(data.encode(unseen[0] as string)[0], 1, "an unseen word encodes as <unk>");
  const small = await loadSotu({ seed: 0, vocabularySize: 3000, minCount: 2 });
  assert.deepEqual(small.texts.train, data.texts.train);
  assert.deepEqual(
    small.vocabulary,
    buildVocabulary(trainTokens, { size: 3000, minCount: 2 }),
    "same list as buildVocabulary",
  );
  const first = small.train.inputs.tokens?.values.subarray(0, 128);
  assert.deepEqual(
    first,
    small.encode(small.texts.train[0] as string),
    "passages are encoded as encode() encodes text",
  );
});

test("the year target decodes to the speech's year and the president task is optional", async () => {
  const data = await loadSotu({ seed: 1, tasks: ["year", "president"], parties: "all" });
  const years = data.train.targets.year?.values ?? [];
  const decoded = Array.from(years, (y) => Math.round(y * (sotuYears.last - sotuYears.first) + sotuYears.first));
  assert.ok(decoded.every((year) => year >= 1790 && year <= 2021));
  const first = data.texts.train.findIndex((text) =>
    text.startsWith("Fellow-Citizens of the Senate and House of Representatives: I embrace with great satisfaction"),
  );
  if (first >= 0) assert.equal(decoded[first], 1790);
  const president = data.tasks.find((task) => task.name === "president");
  assert.ok((president?.classes ?? 0) > 35 && president?.labels?.[0] === "George Washington");
});

test("loadSotu is seeded and names unknown tasks", async () => {
  const a = await loadSotu({ seed: 2, maxLength: 32 });
  const b = await loadSotu({ seed: 2, maxLength: 32 });
  const c = await loadSotu({ seed: 3, maxLength: 32 });
  assert.ok(sameSplit(a.train, b.train) && sameSplit(a.test, b.test));
  assert.ok(!sameSplit(a.test, c.test));
  await assert.rejects(
    loadSotu({ tasks: ["sentiment"] }),
    (error: MtlError) => error.code === "unknown-task" && /"party", "year", "president"/.test(error.message),
  );
  await assert.rejects(loadSotu({ test: 0.6, validation: 0.5 }), (error: MtlError) => error.code === "bad-option");
});
