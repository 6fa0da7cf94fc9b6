import { FLOAT32_EPSILON } from "../linalg/pseudo-inverse";
import { symmetricEigen } from "../linalg/symmetric-eigen";
import { reportSolver } from "./report-solver";
import { preferenceWeights } from "./preference-weights";
import type { GramianWeighting } from "./types";

/** Options for {@link alignedMtl}. */
export interface AlignedMtlOptions {
  /** Preference weights w combined after balancing. Default 1/T each (TorchJD); the paper's code uses 1. */
  preference?: readonly number[];
}

/**
 * Aligned-MTL (Senushkin et al. 2023, Algorithm 1): makes the task gradients' matrix orthogonal with
 * equal singular values by the balance transformation B = √λ_R · V Σ⁻¹ Vᵀ from the eigen-decomposition
 * G = V Λ Vᵀ restricted to its rank R (λ_R the smallest kept eigenvalue, Σ = √Λ), then weights α = B w.
 * Rank uses the tolerance λ_max·T·ε₃₂ (TorchJD). LibMTL's version at HEAD calls a removed function.
 * Modes: both (rep-grad is the paper's Aligned-MTL-UB).
 *
 * @example
 * aggregate(alignedMtl(), [[-4, 1, 1], [6, 1, 1]]).weights; // ≈ [0.5591, 0.4083] (TorchJD's test value)
 */
export function alignedMtl(options: AlignedMtlOptions = {}): GramianWeighting {
  return {
    kind: "gramian",
    name: "alignedMtl",
    weigh(gramian, context) {
      const taskCount = context.taskNames.length;
      const preference = preferenceWeights(options.preference, taskCount, "alignedMtl");
      const { values, vectors, solver: eigenSolver } = symmetricEigen(gramian, taskCount);
      const solver = reportSolver("alignedMtl", eigenSolver);
      const tolerance = Math.max(0, values[0] ?? 0) * taskCount * FLOAT32_EPSILON;
      let rank = 0;
      while (rank < taskCount && (values[rank] as number) > tolerance) rank++;
      if (rank === 0) return { weights: preference, solver };
      const scale = Math.sqrt(values[rank - 1] as number);
      const weights = new Float64Array(taskCount);
      for (let k = 0; k < rank; k++) {
        let projection = 0;
        for (let j = 0; j < taskCount; j++)
          projection += (vectors[j * taskCount + k] as number) * (preference[j] as number);
        const factor = (scale / Math.sqrt(values[k] as number)) * projection;
        for (let i = 0; i < taskCount; i++)
          weights[i] = (weights[i] as number) + factor * (vectors[i * taskCount + k] as number);
      }
      return { weights, solver };
    },
  };
}
