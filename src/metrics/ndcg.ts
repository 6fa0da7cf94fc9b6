/**
 * Normalised discounted cumulative gain of one list (Järvelin & Kekäläinen 2002, with the
 * exponential gain 2^rel − 1 of Burges et al. 2005): DCG@k of the items sorted by score,
 * divided by the DCG@k of the ideal order; 1 when every relevance is 0.
 *
 * @example
 * ndcg([3, 2, 0], [0.1, 0.9, 0.5]); // → 0.7309 ((3 + 7/2) / (7 + 3/log2 3))
 */
export function ndcg(relevance: ArrayLike<number>, scores: ArrayLike<number>, k = relevance.length): number {
  const items = Array.from({ length: relevance.length }, (_, i) => i);
  const dcg = (order: number[]): number =>
    order
      .slice(0, k)
      .reduce((sum, item, rank) => sum + (2 ** (relevance[item] as number) - 1) / Math.log2(rank + 2), 0);
  const ranked = [...items].sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const ideal = [...items].sort((a, b) => (relevance[b] as number) - (relevance[a] as number) || a - b);
  const best = dcg(ideal);
  return best === 0 ? 1 : dcg(ranked) / best;
}
