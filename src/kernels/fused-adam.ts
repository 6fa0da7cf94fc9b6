import * as tf from "@tensorflow/tfjs-core";

/** Kernel name of the one-pass Adam update on `wasm` (registered by `registerWasmTrainingKernels`). */
export const ADAM_UPDATE = "MtlkitAdamUpdate";

type NamedTensor = { name: string; tensor: tf.Tensor };

// AdamOptimizer's state, private in its typings.
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
  accumulatedSecondMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
}

/** tfjs's `AdamOptimizer` whose update runs as one kernel per variable on `wasm`; see {@link fusedAdam}. */
export class FusedAdam extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Record<string, tf.Variable> | NamedTensor[]): void {
    if (tf.getBackend() !== "wasm" || tf.getKernel(ADAM_UPDATE, "wasm") === undefined) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((v) => v.name)
      : Object.keys(variableGradients);
    const attrs = { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name] as tf.Variable;
        const m = (state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: slot(value) }).variable;
        const v = (state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: slot(value) }).variable;
        const gradient = Array.isArray(variableGradients) ? variableGradients[i]?.tensor : variableGradients[name];
        if (gradient == null) return;
        const inputs = {
          x: value,
          m,
          v,
          gradient,
          accBeta1: state.accBeta1,
          accBeta2: state.accBeta2,
        } as unknown as tf.NamedTensorMap;
        const [x1, m1, v1] = tf
          .engine()
          .runKernel(ADAM_UPDATE, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(m1 as tf.Tensor);
        v.assign(v1 as tf.Tensor);
        value.assign(x1 as tf.Tensor);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}

const slot = (value: tf.Variable) => tf.tidy(() => tf.variable(tf.zerosLike(value), false));

/**
 * Adam (Kingma & Ba 2015, Algorithm 1) exactly as `tf.train.adam`, same state, weights and
 * serialisation, but on `wasm` each variable's update is one kernel (one pass over its memory) instead
 * of ≈12 — the optimizer was ≈40% of the kernel dispatches of an MLP step. Other backends run tfjs's own.
 *
 * @example
 * const w = tf.variable(tf.tensor1d([1, -2]));
 * const optimizer = fusedAdam(1e-3);
 * optimizer.minimize(() => tf.sum(tf.square(w))); // Adam's first step moves w by ≈ −1e-3·sign(w)
 * w; // → [0.9990, -1.9990]
 */
export function fusedAdam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number): FusedAdam {
  return new FusedAdam(learningRate, beta1, beta2, epsilon);
}
