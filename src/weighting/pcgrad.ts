import type { GramianWeighting } from "./types";

/** Options for {@link pcgrad}. */
export interface PcgradOptions {
  /** Sum the projected gradients (TorchJD, LibMTL, the paper's Algorithm 1) or average them. Default "sum". */
  reduction?: "sum" | "mean";
}

/**
 * PCGrad (Yu et al. 2020, Algorithm 1): each task gradient is projected, in a random order of the
 * others, onto the normal plane of every gradient it conflicts with (g_i ← g_i − (g_i·g_j / ‖g_j‖²) g_j
 * when g_i·g_j < 0), and the projected gradients are summed. Computed on the Gramian as in TorchJD;
 * the order is drawn from `context.rng` (for T = 2 it does not matter). With two tasks the result
 * conflicts with neither; for T > 2 the paper gives no such guarantee.
 * Modes: both (the paper projects parameter gradients; LibMTL also allows rep-grad).
 *
 * @example
 * aggregate(pcgrad(), [[-4, 1, 1], [6, 1, 1]]).weights; // ≈ [2.2222, 1.5789] (TorchJD's test value)
 */
export function pcgrad(options: PcgradOptions = {}): GramianWeighting {
  const average = options.reduction === "mean";
  return {
    kind: "gramian",
    name: "pcgrad",
    weigh(gramian, context) {
      const taskCount = context.taskNames.length;
      const weights = new Float64Array(taskCount);
      for (let i = 0; i < taskCount; i++) {
        const current = projectTask(gramian, taskCount, i, context.rng.permutation(taskCount));
        for (let t = 0; t < taskCount; t++) weights[t] = (weights[t] as number) + (current[t] as number);
      }
      if (average) for (let t = 0; t < taskCount; t++) weights[t] = (weights[t] as number) / taskCount;
      return { weights };
    },
  };
}

/** The weights of g_i^PC over the original gradients, after projecting in `order`. */
function projectTask(gramian: Float64Array, n: number, i: number, order: Int32Array): Float64Array {
  const current = new Float64Array(n);
  current[i] = 1;
  for (const j of order) {
    if (j === i) continue;
    let inner = 0;
    for (let k = 0; k < n; k++) inner += (gramian[j * n + k] as number) * (current[k] as number);
    const normSquared = gramian[j * n + j] as number;
    if (inner < 0 && normSquared > 0) current[j] = (current[j] as number) - inner / normSquared;
  }
  return current;
}
