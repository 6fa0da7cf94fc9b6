import { mtlError } from "../errors";
import { gradDropOnDevice } from "./grad-drop-on-device";
import type { JacobianWeighting } from "./types";

/** Options for {@link gradDrop}. */
export interface GradDropOptions {
  /** Per-task leak ℓ_t in [0, 1]: the share of g_t that always passes. Default 0 for every task. */
  leak?: readonly number[];
}

/**
 * GradDrop (Chen et al. 2020, "Just Pick a Sign", Algorithm 1 lines 10–15): per coordinate, the positive
 * sign purity P = ½(1 + Σ_t g_t / Σ_t |g_t|) and a uniform draw U (from `context.rng`) decide whether the
 * positive (P > U) or the negative parts of the task gradients pass; the kept parts are summed (TorchJD).
 * Not a linear combination of the task gradients, so it is a Jacobian method with `combine` (Float64, on the host) and
 * `combineTensor` (float32 tensor ops, see {@link gradDropOnDevice}; same draws from `context.rng`,
 * U drawn on the host and uploaded, so a seed reproduces both paths); `weights[t]` reports the
 * share of ‖g_t‖² that was kept, (m_t ⊙ g_t)·g_t / ‖g_t‖² (0 for a zero gradient), for the history.
 * Modes: both; the paper applies it to the gradient w.r.t. a shared activation (rep-grad).
 *
 * @example
 * aggregate(gradDrop(), [[-4, 1, 1], [6, 1, 1]]).direction; // [6, 2, 2] when the draw U < 0.6, else [-4, 2, 2]
 */
export function gradDrop(options: GradDropOptions = {}): JacobianWeighting {
  return {
    kind: "jacobian",
    name: "gradDrop",
    combine({ data: jacobian, taskCount, parameterCount }, context) {
      const leak = resolveLeak(options.leak, taskCount);
      const direction = new Float64Array(parameterCount);
      const kept = new Float64Array(taskCount);
      const norms = new Float64Array(taskCount);
      for (let p = 0; p < parameterCount; p++) {
        let sum = 0;
        let absolute = 0;
        for (let t = 0; t < taskCount; t++) {
          const g = jacobian[t * parameterCount + p] as number;
          sum += g;
          absolute += Math.abs(g);
        }
        const purity = absolute > 0 ? 0.5 * (1 + sum / absolute) : 0.5;
        const draw = context.rng.next();
        for (let t = 0; t < taskCount; t++) {
          const g = jacobian[t * parameterCount + p] as number;
          const passes = (purity > draw && g > 0) || (purity < draw && g < 0) ? 1 : 0;
          const share = (leak[t] as number) + (1 - (leak[t] as number)) * passes;
          direction[p] = (direction[p] as number) + share * g;
          kept[t] = (kept[t] as number) + share * g * g;
          norms[t] = (norms[t] as number) + g * g;
        }
      }
      const weights = kept.map((value, t) => ((norms[t] as number) > 0 ? value / (norms[t] as number) : 0));
      return { direction, weights };
    },
    combineTensor(jacobian, context, gramian) {
      return gradDropOnDevice(jacobian, resolveLeak(options.leak, jacobian.shape[0]), context.rng, gramian);
    },
  };
}

function resolveLeak(leak: readonly number[] | undefined, taskCount: number): Float64Array {
  if (!leak) return new Float64Array(taskCount);
  if (leak.length !== taskCount || !leak.every((value) => value >= 0 && value <= 1)) {
    throw mtlError({
      code: "bad-option",
      message: `gradDrop's leak is [${leak.join(", ")}] but expected ${taskCount} values in [0, 1]`,
      fix: "give one leak per task, or omit it",
    });
  }
  return Float64Array.from(leak);
}
