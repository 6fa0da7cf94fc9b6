import * as tf from "@tensorflow/tfjs-core";
import { swappableMatrix, type SwappableMatrix } from "./swappable-matrix";
import type { JacobianWeighting, WeightingContext } from "./types";

/** Options for {@link dbMtl}. */
export interface DbMtlOptions {
  /** EMA coefficient β of the gradient buffer. Default 0.9 (LibMTL). */
  beta?: number;
  /** The coefficient decays as β / k^σ at step k (1-based). Default 0 (LibMTL). */
  betaSigma?: number;
  /** Added to losses inside the log. Default 1e-8 (LibMTL). */
  epsilon?: number;
}

/**
 * DB-MTL's explicit state: the EMA buffer of log-loss gradients (row-major T×P), the buffer computed this step
 * and committed by `endStep` (`pending`), and the step count. On the trainer's device path both buffers stay
 * tensors between steps; reading a field copies it to the host, assigning it (a checkpoint restore, or
 * {@link moveStateToHost} at the end of training) replaces it and frees the tensor.
 */
export type DbMtlState = {
  buffer: Float64Array | undefined;
  pending: Float64Array | undefined;
  steps: number;
};

/**
 * DB-MTL (Lin et al. 2023, "Dual-Balancing Multi-Task Learning", Algorithm 1): loss-scale balancing by
 * taking gradients of log L_t (here g_t / (L_t + ε), from `context.losses`), an EMA buffer
 * ĝ_t ← g_t + (β/k^σ)(ĝ_t − g_t) (buffer starts at 0, as in LibMTL), and gradient-magnitude balancing
 * d = Σ_t (max_k ‖ĝ_k‖ / ‖ĝ_t‖) ĝ_t (eq. 6). Needs the full gradients, so it is a Jacobian method with
 * `combine` (Float64) and `combineTensor` (the buffer kept on the device across steps; bring it home with
 * {@link moveStateToHost}); `weights[t]` are the multipliers max‖ĝ‖/‖ĝ_t‖ of the buffered gradients.
 * `endStep` commits the buffer.
 * Modes: param only. The paper's ĝ_t are gradients w.r.t. the shared parameters and LibMTL refuses rep-grad:
 * gradients w.r.t. the representation are per sample of the batch, so an EMA across steps would add up
 * gradients of different samples and push them back through this batch's trunk, which is no gradient at all.
 *
 * @example
 * const { direction } = aggregate(dbMtl(), [[-4, 1, 1], [6, 1, 1]]); // 0.1·(√(38/18)·g₁ + g₂)
 * Array.from(direction, (x) => Number(x.toFixed(4))); // → [0.0188, 0.2453, 0.2453]
 */
export function dbMtl(options: DbMtlOptions = {}): JacobianWeighting & { readonly state: DbMtlState } {
  const beta = options.beta ?? 0.9;
  const betaSigma = options.betaSigma ?? 0;
  const epsilon = options.epsilon ?? 1e-8;
  const committed = swappableMatrix();
  const pending = swappableMatrix();
  const state = bufferState(committed, pending);
  const rate = () => beta / (state.steps + 1) ** betaSigma;
  const scales = (context: WeightingContext) => context.losses.map((loss) => 1 / (loss + epsilon));
  return {
    kind: "jacobian",
    name: "dbMtl",
    modes: ["param"],
    state,
    combine({ data, taskCount, parameterCount }, context) {
      const previous = state.buffer?.length === data.length ? state.buffer : new Float64Array(data.length);
      const buffer = emaOnHost(data, previous, scales(context), parameterCount, rate());
      pending.setHost(buffer);
      const weights = balance(rowNorms(buffer, taskCount, parameterCount));
      const direction = new Float64Array(parameterCount);
      for (let t = 0; t < taskCount; t++) {
        for (let p = 0; p < parameterCount; p++)
          direction[p] = (direction[p] as number) + (weights[t] as number) * (buffer[t * parameterCount + p] as number);
      }
      return { direction, weights };
    },
    combineTensor(jacobian, context) {
      const [taskCount, parameterCount] = jacobian.shape;
      const previous = committed.device(taskCount, parameterCount);
      // g + r(ĝ − g) = (1 − r)·g + r·ĝ: one scaling of J's rows fewer on the device.
      const kept = Float32Array.from(scales(context), (scale) => (1 - rate()) * scale);
      const [buffer, norms] = tf.tidy(() => {
        const scaled = tf.mul(jacobian, tf.tensor2d(kept, [taskCount, 1]));
        const next = previous ? tf.add(scaled, tf.mul(previous, rate())) : scaled;
        return [next as tf.Tensor2D, tf.sqrt(tf.sum(tf.square(next), 1))];
      });
      pending.setDevice(buffer);
      const weights = balance(Float64Array.from(norms.dataSync()));
      norms.dispose();
      // A sum over axis 0, not a product [1, T] × ĝ: on wasm the product would first pack the new ĝ.
      const direction = tf.tidy(
        () => tf.sum(tf.mul(buffer, tf.tensor2d(Float32Array.from(weights), [taskCount, 1])), 0) as tf.Tensor1D,
      );
      return { direction, weights };
    },
    endStep() {
      const next = pending.take();
      if (next === undefined) return;
      if (next instanceof tf.Tensor) committed.setDevice(next);
      else committed.setHost(next);
      state.steps += 1;
    },
  };
}

/**
 * The state object, whose enumerable accessors read and write the swappable matrices (so checkpoints see
 * Float64Arrays).
 */
function bufferState(committed: SwappableMatrix, pending: SwappableMatrix): DbMtlState {
  const state = { steps: 0 } as DbMtlState;
  for (const [key, matrix] of [
    ["buffer", committed],
    ["pending", pending],
  ] as const) {
    Object.defineProperty(state, key, {
      enumerable: true,
      get: () => matrix.host(),
      set: (values: Float64Array | undefined) => matrix.setHost(values),
    });
  }
  return state;
}

function emaOnHost(
  jacobian: Float64Array,
  previous: Float64Array,
  scales: Float64Array,
  parameterCount: number,
  rate: number,
): Float64Array {
  return jacobian.map((value, k) => {
    const g = value * (scales[Math.floor(k / parameterCount)] as number);
    return g + rate * ((previous[k] as number) - g);
  });
}

function rowNorms(buffer: Float64Array, taskCount: number, parameterCount: number): Float64Array {
  const norms = new Float64Array(taskCount);
  buffer.forEach((value, k) => {
    const t = Math.floor(k / parameterCount);
    norms[t] = (norms[t] as number) + value * value;
  });
  return norms.map(Math.sqrt);
}

/** Eq. 6's multipliers max_k ‖ĝ_k‖ / ‖ĝ_t‖ (LibMTL adds 1e-8 to the denominator). */
function balance(lengths: Float64Array): Float64Array {
  const largest = Math.max(...lengths);
  return lengths.map((length) => largest / (length + 1e-8));
}
