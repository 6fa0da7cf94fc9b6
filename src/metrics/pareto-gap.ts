import { mtlError } from "../errors";

/** Options for {@link paretoGap}. */
export interface ParetoGapOptions {
  /** Which way each objective improves. Default "higher" for both (accuracies). */
  better?: { x?: "lower" | "higher"; y?: "lower" | "higher" };
}

/**
 * How far a point lies behind a front: the additive ε-indicator of Zitzler et al. (2003, IEEE TEC 7(2),
 * Def. 8 for one point), ε = max over front points f of min(f.x − p.x, f.y − p.y) when higher is better —
 * the most that one front point beats p by on both objectives at once. ε ≤ 0: no front point beats p on
 * both (p is on or beyond the front); ε > 0: p must gain ε on both objectives to reach it.
 *
 * @example
 * const front = [{ x: 90, y: 80 }, { x: 85, y: 88 }];
 * paretoGap({ x: 87, y: 79 }, front); // → 1
 * paretoGap({ x: 91, y: 70 }, front); // → -1
 * const errors = [{ x: 10, y: 30 }, { x: 20, y: 10 }];
 * paretoGap({ x: 25, y: 35 }, errors, { better: { x: "lower", y: "lower" } }); // → 5
 */
export function paretoGap(
  point: { x: number; y: number },
  front: readonly { x: number; y: number }[],
  options: ParetoGapOptions = {},
): number {
  if (front.length === 0) {
    throw mtlError({
      code: "empty-points",
      message: "paretoGap needs at least one front point; got none",
      fix: "pass the front as [{ x, y }, …], e.g. the static-weight runs' two accuracies",
    });
  }
  const bad = [point, ...front].find((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y));
  if (bad) {
    throw mtlError({
      code: "non-finite-data",
      message: `paretoGap needs finite x and y; found ${JSON.stringify(bad)}`,
      fix: "drop runs that diverged (NaN scores) before measuring their distance to the front",
    });
  }
  const sx = options.better?.x === "lower" ? -1 : 1;
  const sy = options.better?.y === "lower" ? -1 : 1;
  return Math.max(...front.map((f) => Math.min(sx * (f.x - point.x), sy * (f.y - point.y))));
}
