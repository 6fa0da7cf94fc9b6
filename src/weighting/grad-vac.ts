import { mtlError } from "../errors";
import type { GramianWeighting } from "./types";

/** Options for {@link gradVac}. */
export interface GradVacOptions {
  /** EMA rate β of the per-pair target similarity (paper eq. 3). Default 0.01 (paper, TorchJD; LibMTL uses 0.5). */
  beta?: number;
  /** A fixed target cosine similarity in [−1, 1) instead of the EMA. 0 gives PCGrad. */
  target?: number;
}

/** GradVac's explicit state: the EMA target similarities φ̂ (row-major T×T), committed by `endStep`. */
export type GradVacState = {
  targets: Float64Array | undefined;
};

/**
 * Gradient Vaccine (Wang et al. 2021, ICLR, Algorithm 2): for each task i and each other task j in a
 * random order, if the cosine φ_ij between the current g_i and g_j is below the target φ̂_ij, add
 * ‖g_i‖(φ̂√(1−φ²) − φ√(1−φ̂²)) / (‖g_j‖√(1−φ̂²)) · g_j (eq. 2);
 * the projected gradients are summed.
 * φ̂_ij is an EMA of the observed φ_ij (eq. 3), starting at 0, compared before it is updated (paper,
 * LibMTL; TorchJD updates first). `weigh` only records the new EMA; `endStep` commits it, so `aggregate`
 * on a fresh method equals PCGrad. Sum reduction, as TorchJD.
 * Modes: both (the paper applies it per layer to parameter gradients).
 *
 * @example
 * aggregate(gradVac(), [[-4, 1, 1], [6, 1, 1]]).direction; // ≈ [0.5848, 3.8012, 3.8012], as PCGrad
 */
export function gradVac(options: GradVacOptions = {}): GramianWeighting & { readonly state: GradVacState } {
  const beta = options.beta ?? 0.01;
  if (options.target !== undefined && !(options.target >= -1 && options.target < 1)) {
    throw mtlError({
      code: "bad-option",
      message: `gradVac's target must be in [-1, 1), found ${options.target}`,
      fix: "use e.g. gradVac({ target: 0.1 })",
    });
  }
  const state: GradVacState = { targets: undefined };
  let pending: Float64Array | undefined;
  return {
    kind: "gramian",
    name: "gradVac",
    state,
    weigh(gramian, context) {
      const taskCount = context.taskNames.length;
      const targets =
        state.targets?.length === taskCount * taskCount ? state.targets : new Float64Array(taskCount * taskCount);
      pending = Float64Array.from(targets);
      const weights = new Float64Array(taskCount);
      for (let i = 0; i < taskCount; i++) {
        const current = vaccinate(gramian, taskCount, i, context.rng.permutation(taskCount), (j, phi) => {
          pending![i * taskCount + j] = (1 - beta) * (targets[i * taskCount + j] as number) + beta * phi;
          return options.target ?? (targets[i * taskCount + j] as number);
        });
        for (let t = 0; t < taskCount; t++) weights[t] = (weights[t] as number) + (current[t] as number);
      }
      return { weights };
    },
    endStep() {
      if (pending) state.targets = pending;
      pending = undefined;
    },
  };
}

function vaccinate(
  gramian: Float64Array,
  n: number,
  i: number,
  order: Int32Array,
  observe: (j: number, phi: number) => number,
): Float64Array {
  const current = new Float64Array(n);
  current[i] = 1;
  for (const j of order) {
    if (j === i) continue;
    const normJ = Math.sqrt(Math.max(0, gramian[j * n + j] as number));
    let inner = 0;
    let normSquaredI = 0;
    for (let k = 0; k < n; k++) {
      inner += (gramian[j * n + k] as number) * (current[k] as number);
      for (let l = 0; l < n; l++)
        normSquaredI += (current[k] as number) * (gramian[k * n + l] as number) * (current[l] as number);
    }
    const normI = Math.sqrt(Math.max(0, normSquaredI));
    if (normI === 0 || normJ === 0) continue;
    const phi = Math.max(-1, Math.min(1, inner / (normI * normJ)));
    const target = observe(j, phi);
    if (phi >= target) continue;
    const rootTarget = Math.sqrt(1 - target * target);
    current[j] =
      (current[j] as number) + (normI * (target * Math.sqrt(1 - phi * phi) - phi * rootTarget)) / (normJ * rootTarget);
  }
  return current;
}
