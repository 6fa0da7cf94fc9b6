import * as tf from "@tensorflow/tfjs-core";

/**
 * Runs `fn` with the gradient tape of every enclosing `tf.variableGrads` paused, then resumes it: the ops of
 * `fn` (and the backward passes of any `tf.variableGrads` inside it) are not recorded, so the enclosing
 * backward neither sees them nor keeps copies of their inputs. tfjs records nested gradients on the outer
 * tape for higher-order derivatives; the representation mode's head passes need none, and recording them
 * cost ~190 saved-tensor clones per task at T = 8. Uses the engine's public `state` (tfjs-core 4.22).
 *
 * @example
 * const v = tf.variable(tf.scalar(3));
 * const { grads } = tf.variableGrads(() => {
 *   const seen = offTape(() => tf.mul(v, 2)); // a value, not a path for the gradient
 *   return tf.mul(v, seen) as tf.Scalar;
 * }, [v]);
 * grads[v.name]!.dataSync(); // → [6]
 * tf.dispose([...Object.values(grads), v]);
 */
export function offTape<T>(fn: () => T): T {
  const state = tf.engine().state;
  const { activeTape, gradientDepth } = state;
  state.gradientDepth = 0;
  try {
    return fn();
  } finally {
    state.activeTape = activeTape;
    state.gradientDepth = gradientDepth;
  }
}
