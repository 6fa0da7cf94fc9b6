import type { GradientWeighting } from "./types";

/** Options for {@link dbMtl}. */
export interface DbMtlOptions {
  /** EMA coefficient β of the gradient buffer. Default 0.9 (LibMTL). */
  beta?: number;
  /** The coefficient decays as β / k^σ at step k (1-based). Default 0 (LibMTL). */
  betaSigma?: number;
  /** Added to losses inside the log. Default 1e-8 (LibMTL). */
  epsilon?: number;
}

/** DB-MTL's explicit state: the EMA buffer of log-loss gradients (row-major T×P) and the step count, committed by `endStep`. */
export interface DbMtlState {
  buffer: Float64Array | undefined;
  steps: number;
}

/**
 * DB-MTL (Lin et al. 2023, "Dual-Balancing Multi-Task Learning", Algorithm 1): loss-scale balancing by
 * taking gradients of log L_t (here g_t / (L_t + ε), from `context.losses`), an EMA buffer
 * ĝ_t ← g_t + (β/k^σ)(ĝ_t − g_t) (buffer starts at 0, as in LibMTL), and gradient-magnitude balancing
 * d = Σ_t (max_k ‖ĝ_k‖ / ‖ĝ_t‖) ĝ_t (eq. 6). Needs the full gradients, so it implements `combine`;
 * `weights[t]` are the multipliers max‖ĝ‖/‖ĝ_t‖ of the buffered gradients. `endStep` commits the buffer.
 * Modes: param only (the paper and LibMTL do not support rep-grad).
 *
 * @example
 * aggregate(dbMtl(), [[-4, 1, 1], [6, 1, 1]]).direction; // 0.1·(√(38/18)·g₁ + g₂) ≈ [0.0188, 0.2453, 0.2453]
 */
export function dbMtl(options: DbMtlOptions = {}): GradientWeighting & { readonly state: DbMtlState } {
  const beta = options.beta ?? 0.9;
  const betaSigma = options.betaSigma ?? 0;
  const epsilon = options.epsilon ?? 1e-8;
  const state: DbMtlState = { buffer: undefined, steps: 0 };
  let pending: Float64Array | undefined;
  return {
    kind: "gradient",
    name: "dbMtl",
    modes: ["param"],
    state,
    combine(jacobian, taskCount, parameterCount, context) {
      const previous = state.buffer?.length === jacobian.length ? state.buffer : new Float64Array(jacobian.length);
      const rate = beta / (state.steps + 1) ** betaSigma;
      const buffer = new Float64Array(jacobian.length);
      const norms = new Float64Array(taskCount);
      for (let t = 0; t < taskCount; t++) {
        const scale = 1 / ((context.losses[t] as number) + epsilon);
        for (let p = 0; p < parameterCount; p++) {
          const k = t * parameterCount + p;
          const g = (jacobian[k] as number) * scale;
          buffer[k] = g + rate * ((previous[k] as number) - g);
          norms[t] = (norms[t] as number) + (buffer[k] as number) ** 2;
        }
      }
      pending = buffer;
      const lengths = norms.map(Math.sqrt);
      const largest = Math.max(...lengths);
      const weights = lengths.map((length) => largest / (length + 1e-8));
      const direction = new Float64Array(parameterCount);
      for (let t = 0; t < taskCount; t++) {
        for (let p = 0; p < parameterCount; p++) direction[p] = (direction[p] as number) + (weights[t] as number) * (buffer[t * parameterCount + p] as number);
      }
      return { direction, weights };
    },
    endStep() {
      if (!pending) return;
      state.buffer = pending;
      state.steps += 1;
      pending = undefined;
    },
  };
}
