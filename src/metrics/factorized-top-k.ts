import { mtlError } from "../errors";
import { positiveRanks, type RankInputs } from "./positive-ranks";

/** Options of {@link factorizedTopK}: the embeddings, the true ids, and K. */
export interface FactorizedTopKOptions extends RankInputs {
  /** A hit is a true candidate among the K best-scoring of the whole catalogue. Default 100. */
  topK?: number;
}

/**
 * Factorized top-K accuracy (TFRS's `FactorizedTopK` metric, "factorized_top_k/top_K_categorical_accuracy"):
 * the share of (query, true candidate) pairs whose candidate ranks among the K highest dot products
 * q·c over every candidate of the catalogue — not only those of a batch. Ties count as hits.
 * Throws bad-top-k when K exceeds the catalogue, id-out-of-range for a true id outside it.
 *
 * @example
 * // two queries, three candidates (ids 0, 1, 2) in two dimensions
 * const queries = [1, 0, 0, 1];
 * const candidates = [2, 0, 1, 0, 0, 3];
 * factorizedTopK({ queries, candidates, positives: [1, 2], width: 2, topK: 1 }); // → 0.5
 * factorizedTopK({ queries, candidates, positives: [1, 2], width: 2, topK: 2 }); // → 1
 */
export function factorizedTopK(options: FactorizedTopKOptions): number {
  const topK = options.topK ?? 100;
  const count = options.candidates.length / options.width;
  if (!Number.isInteger(topK) || topK < 1 || topK > count)
    throw mtlError({
      code: "bad-top-k",
      message: `factorizedTopK: topK is ${topK}, expected an integer in [1, ${count}] (the catalogue's size)`,
      fix: `use a K no larger than the catalogue, e.g. topK: ${Math.min(100, count)}`,
    });
  const ranks = positiveRanks(options);
  let hits = 0;
  for (const rank of ranks) if (rank < topK) hits++;
  return ranks.length === 0 ? Number.NaN : hits / ranks.length;
}
