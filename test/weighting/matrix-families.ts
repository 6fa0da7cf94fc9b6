import { createRng } from "../../src/backend/random";

/** One seeded test matrix: rows are task gradients. */
export interface Case {
  label: string;
  rows: number[][];
  /** Rows are linearly independent (generically). */
  fullRank: boolean;
}

const scales = [1e-10, 1e-5, 1, 1e5, 1e10];

/**
 * Seeded families of T×P matrices: random Gaussian, rank-deficient (J = A B with inner rank < T),
 * with zero rows, and each scaled by 1e-10 … 1e10.
 */
export function matrixFamilies(seed = 7): Case[] {
  const rng = createRng(seed);
  const cases: Case[] = [];
  for (const taskCount of [2, 3, 5, 8]) {
    for (let k = 0; k < 3; k++) {
      const scale = scales[(k + taskCount) % scales.length] as number;
      const random = gaussian(rng, taskCount, taskCount + 4, scale);
      cases.push({ label: `random T=${taskCount} scale ${scale}`, rows: random, fullRank: true });
      const rank = Math.max(1, taskCount - 1 - k);
      cases.push({
        label: `rank ${rank} T=${taskCount} scale ${scale}`,
        rows: lowRank(rng, taskCount, taskCount + 4, rank, scale),
        fullRank: false,
      });
      const zeroed = gaussian(rng, taskCount, taskCount + 4, scale);
      zeroed[rng.int(taskCount)] = new Array(taskCount + 4).fill(0);
      cases.push({ label: `zero row T=${taskCount} scale ${scale}`, rows: zeroed, fullRank: false });
    }
  }
  return cases;
}

function gaussian(rng: ReturnType<typeof createRng>, rows: number, cols: number, scale: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * rng.normal()));
}

function lowRank(
  rng: ReturnType<typeof createRng>,
  rows: number,
  cols: number,
  rank: number,
  scale: number,
): number[][] {
  const a = gaussian(rng, rows, rank, 1);
  const b = gaussian(rng, rank, cols, scale);
  return a.map((row) =>
    Array.from({ length: cols }, (_, j) => row.reduce((sum, x, r) => sum + x * (b[r]![j] as number), 0)),
  );
}

/** G = J Jᵀ as a nested array, and its largest diagonal entry. */
export function gram(rows: number[][]): { g: number[][]; scale: number } {
  const g = rows.map((a) => rows.map((b) => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0)));
  return { g, scale: Math.max(...g.map((row, i) => row[i] as number)) };
}

/** J d: each task's inner product with the update. */
export function innerProducts(rows: number[][], direction: ArrayLike<number>): number[] {
  return rows.map((row) => row.reduce((sum, x, i) => sum + x * (direction[i] as number), 0));
}

/** The rows permuted by `order`. */
export function permute<T>(items: readonly T[], order: readonly number[]): T[] {
  return order.map((i) => items[i] as T);
}
