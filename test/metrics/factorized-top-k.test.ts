import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../src/backend/random";
import { factorizedTopK, positiveRanks } from "../../src/metrics";
import { throwsCode } from "../tasks/throws-code";

// Brute force: score every candidate, sort them best first, and find where the true one lands.
function bruteForceTopK(
  queries: number[],
  candidates: number[],
  positives: number[],
  width: number,
  k: number,
): number {
  const count = candidates.length / width;
  let hits = 0;
  positives.forEach((positive, i) => {
    const scored = Array.from({ length: count }, (_, m) => {
      let score = 0;
      for (let d = 0; d < width; d++) score += queries[i * width + d]! * candidates[m * width + d]!;
      return { m, score };
    });
    // ties resolved in the true candidate's favour: it sorts first among equal scores
    scored.sort((a, b) => b.score - a.score || Number(b.m === positive) - Number(a.m === positive));
    if (scored.findIndex((entry) => entry.m === positive) < k) hits++;
  });
  return hits / positives.length;
}

test("factorized top-K equals a brute-force sort of every candidate, over seeded families (with ties)", () => {
  for (let seed = 0; seed < 12; seed++) {
    const rng = createRng(seed);
    const width = 1 + (seed % 4);
    const count = 5 + rng.int(60);
    const rows = 1 + rng.int(40);
    // integer embeddings make ties common
    const value = () => (seed % 2 === 0 ? rng.int(3) - 1 : 2 * rng.next() - 1);
    const queries = Array.from({ length: rows * width }, value);
    const candidates = Array.from({ length: count * width }, value);
    const positives = Array.from({ length: rows }, () => rng.int(count));
    for (const k of [1, 2, Math.ceil(count / 2), count]) {
      const mine = factorizedTopK({ queries, candidates, positives, width, topK: k });
      assert.equal(mine, bruteForceTopK(queries, candidates, positives, width, k), `seed ${seed}, K ${k}`);
    }
    assert.equal(factorizedTopK({ queries, candidates, positives, width, topK: count }), 1, "K = catalogue: all hits");
  }
});

test("ranks count the candidates scoring strictly above the true one", () => {
  const ranks = positiveRanks({ queries: [1, 0, 0, 1], candidates: [3, 0, 2, 0, 1, 5], positives: [2, 2], width: 2 });
  assert.deepEqual(Array.from(ranks), [2, 0]);
});

test("factorized top-K refuses K past the catalogue and ids outside it", () => {
  const inputs = { queries: [1, 0], candidates: [1, 0, 0, 1], width: 2 };
  throwsCode(
    () => factorizedTopK({ ...inputs, positives: [0], topK: 3 }),
    "bad-top-k",
    /topK is 3, expected an integer in \[1, 2\]/,
  );
  throwsCode(() => factorizedTopK({ ...inputs, positives: [2], topK: 1 }), "id-out-of-range", /true candidate id 2/);
  throwsCode(() => factorizedTopK({ ...inputs, positives: [0, 1], topK: 1 }), "length-mismatch", /1 query rows but 2/);
});
