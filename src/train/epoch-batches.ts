import { createRng } from "../backend/random";
import { mixSeed } from "./mix-seed";

/**
 * The sample indices of each batch of one epoch: a permutation seeded by (seed, epoch), cut into
 * batches of `batchSize` (the last one may be smaller).
 *
 * @example
 * epochBatches(10, 4, 0, 0).map((b) => b.length); // [4, 4, 2]
 */
export function epochBatches(size: number, batchSize: number, seed: number, epoch: number): Int32Array[] {
  const order = createRng(mixSeed(seed, epoch, 1)).permutation(size);
  const batches: Int32Array[] = [];
  for (let start = 0; start < size; start += batchSize)
    batches.push(order.subarray(start, Math.min(size, start + batchSize)));
  return batches;
}
