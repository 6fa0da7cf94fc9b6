import * as tf from "@tensorflow/tfjs-core";

/** Activations {@link fusedDense} applies inside the kernel. */
export type FusedDenseActivation = "relu" | "linear";

/**
 * A dense layer act(x·W + b) as one `_FusedMatMul` kernel forward, with its exact gradient
 * (∂z = dy ⊙ [y > 0] for relu, ∂x = ∂z·Wᵀ, ∂W = xᵀ·∂z, ∂b = Σ_rows ∂z) — tfjs's `tf.fused.matMul` refuses
 * to fuse a relu while gradients are recorded, which is exactly when training needs it. On `wasm` the
 * kernel is mtlkit's native GEMM with the bias and relu applied as it stores.
 *
 * @example
 * const x = tf.tensor2d([[1, -2]]);
 * fusedDense(x, tf.tensor2d([[1, 0], [0, 1]]), tf.tensor1d([0.5, 0.5]), "relu"); // → [[1.5, 0]]
 */
export function fusedDense(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  activation: FusedDenseActivation,
): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, weights, shift, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const attrs = { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 };
    const y = tf.engine().runKernel("_FusedMatMul", { a: input, b: weights, bias: shift }, attrs) as tf.Tensor2D;
    save([input, weights, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, [a, w, out]: tf.Tensor[]) => {
        const dz = activation === "relu" ? tf.mul(dy, tf.step(out as tf.Tensor)) : dy;
        return [tf.matMul(dz, w as tf.Tensor, false, true), tf.matMul(a as tf.Tensor, dz, true, false), tf.sum(dz, 0)];
      },
    };
  });
  return op(x, kernel, bias) as tf.Tensor2D;
}
