import { pseudoInverse } from "../linalg/pseudo-inverse";
import { matVec } from "../linalg/matrix-utils";
import type { GramianWeighting } from "./types";

/**
 * IMTL-G (Liu et al. 2021, "Towards Impartial Multi-task Learning", §3.2): weights, summing to 1, such
 * that the update has the same projection on every unit task gradient. Computed as in TorchJD's
 * generalisation (Quinton & Rey 2024, A_IMTL-G): w ∝ G⁺ √diag(G), which equals the paper's closed form
 * when the gradients are linearly independent and also handles dependent rows. Eigenvalues below
 * λ_max·T·ε₃₂ are dropped in G⁺. Weights are all zero when Σ G⁺√diag(G) vanishes.
 * Modes: both (the paper applies IMTL-G to the shared representation's gradients, §3.2).
 *
 * @example
 * aggregate(imtlG(), [[-4, 1, 1], [6, 1, 1]]).weights; // ≈ [0.5923, 0.4077] (TorchJD's test value)
 */
export function imtlG(): GramianWeighting {
  return {
    kind: "gramian",
    name: "imtlG",
    weigh(gramian, context) {
      const taskCount = context.taskNames.length;
      const roots = new Float64Array(taskCount);
      for (let t = 0; t < taskCount; t++) roots[t] = Math.sqrt(Math.max(0, gramian[t * taskCount + t] as number));
      const v = matVec(pseudoInverse(gramian, taskCount), roots, taskCount);
      const sum = v.reduce((total, x) => total + x, 0);
      const magnitude = v.reduce((total, x) => total + Math.abs(x), 0);
      if (!(Math.abs(sum) > 1e-12 * magnitude)) return { weights: new Float64Array(taskCount) };
      return { weights: v.map((x) => x / sum) };
    },
  };
}
