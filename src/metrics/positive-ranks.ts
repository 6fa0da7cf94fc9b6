import { mtlError } from "../errors";

/** Query and candidate embeddings, flat row-major, and each query's true candidate id. */
export interface RankInputs {
  /** N × width query embeddings. */
  queries: ArrayLike<number>;
  /** M × width candidate embeddings; row m is candidate id m. */
  candidates: ArrayLike<number>;
  /** N candidate ids in [0, M). */
  positives: ArrayLike<number>;
  /** Embedding width. */
  width: number;
}

/**
 * For each query, the number of candidates that score strictly higher (dot product) than its true
 * candidate: rank 0 is the top. Ties count in the true candidate's favour. Throws id-out-of-range
 * for a true candidate id outside the catalogue, length-mismatch when queries and ids disagree.
 *
 * @example
 * const ranks = positiveRanks({ queries: [1, 0], candidates: [0, 1, 2, 0, 1, 0], positives: [2], width: 2 });
 * Array.from(ranks); // → [1] (candidate 1 scores 2, above candidate 2's 1)
 */
export function positiveRanks(inputs: RankInputs): Int32Array {
  const { queries, candidates, positives, width } = inputs;
  const count = candidates.length / width;
  if (queries.length !== positives.length * width)
    throw mtlError({
      code: "length-mismatch",
      message: `retrieval: ${queries.length / width} query rows but ${positives.length} true candidate ids`,
      fix: "give one true candidate id per query (a split's size must match its columns)",
    });
  const ranks = new Int32Array(positives.length);
  const scores = new Float64Array(count);
  for (let i = 0; i < positives.length; i++) {
    const positive = positives[i] as number;
    if (!(Number.isInteger(positive) && positive >= 0 && positive < count))
      throw mtlError({
        code: "id-out-of-range",
        message: `retrieval: query ${i} has true candidate id ${positive}, expected an integer in [0, ${count})`,
        fix: "give candidate ids of the catalogue the candidate embeddings were computed for",
      });
    const offset = i * width;
    for (let m = 0; m < count; m++) {
      let score = 0;
      for (let d = 0; d < width; d++) score += (queries[offset + d] as number) * (candidates[m * width + d] as number);
      scores[m] = score;
    }
    const target = scores[positive] as number;
    let above = 0;
    for (let m = 0; m < count; m++) if ((scores[m] as number) > target) above++;
    ranks[i] = above;
  }
  return ranks;
}
