import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";
import type { GradientWeighting, SolverStatus, WeightingContext } from "../weighting/types";

/** The update a gradient method chose for a T×P matrix of task gradients. */
export interface WeighedGradients {
  /** Σ_t w_t g_t (or the method's own combination), length P, on the device. */
  direction: tf.Tensor1D;
  weights: Float64Array;
  solver?: SolverStatus;
  /** Row-major T×T cosine similarities G_ij / √(G_ii G_jj) (0 for a zero gradient). */
  cosines: Float64Array;
}

/**
 * Applies a gradient method to the task-gradient matrix J (T×P, on the device): the Gramian
 * G = J Jᵀ is computed with one matMul and read back as Float64 for the method's `weigh`, and the
 * direction wᵀJ is formed on the device; methods with `combineTensor` (GradDrop, DB-MTL) work on J on
 * the device, and only methods with nothing but `combine` read J itself back to the host.
 *
 * @example
 * weighGradients(tf.tensor2d([[-4, 1, 1], [6, 1, 1]]), mgda(), context).weights; // [0.6, 0.4]
 */
export function weighGradients(jacobian: tf.Tensor2D, method: GradientWeighting, context: WeightingContext): WeighedGradients {
  const [taskCount, parameterCount] = jacobian.shape;
  const product = tf.matMul(jacobian, jacobian, false, true);
  const gramian = Float64Array.from(product.dataSync());
  product.dispose();
  const cosines = cosineMatrix(gramian, taskCount);
  if (method.combineTensor) {
    const { direction, weights, solver } = method.combineTensor(jacobian, context, gramian);
    return solver ? { direction, weights, solver, cosines } : { direction, weights, cosines };
  }
  if (method.weigh) {
    const { weights, solver } = method.weigh(gramian, taskCount, context);
    const direction = tf.tidy(() => tf.reshape(tf.matMul(tf.tensor2d(Float32Array.from(weights), [1, taskCount], "float32"), jacobian), [-1]) as tf.Tensor1D);
    return solver ? { direction, weights, solver, cosines } : { direction, weights, cosines };
  }
  if (method.combine) {
    const result = method.combine(Float64Array.from(jacobian.dataSync()), taskCount, parameterCount, context);
    const direction = tf.tensor1d(Float32Array.from(result.direction), "float32");
    return result.solver ? { direction, weights: result.weights, solver: result.solver, cosines } : { direction, weights: result.weights, cosines };
  }
  throw mtlError({ code: "method-without-weights", message: `method "${method.name}" has neither weigh nor combine`, fix: "implement one of them" });
}

function cosineMatrix(gramian: Float64Array, taskCount: number): Float64Array {
  const cosines = new Float64Array(taskCount * taskCount);
  for (let i = 0; i < taskCount; i++) {
    for (let j = 0; j < taskCount; j++) {
      const norms = Math.sqrt((gramian[i * taskCount + i] as number) * (gramian[j * taskCount + j] as number));
      cosines[i * taskCount + j] = norms > 0 ? (gramian[i * taskCount + j] as number) / norms : 0;
    }
  }
  return cosines;
}
