import * as tf from "@tensorflow/tfjs-core";

/** The T losses of one forward pass and each one's gradient w.r.t. its own list of variables. */
export interface TaskGradients {
  /** The T scalar losses, in task order; the caller disposes them. */
  losses: tf.Scalar[];
  /** grads[t]: ∂L_t/∂v for every trainable v of variables(t) reached by L_t; the caller disposes them. */
  grads: tf.NamedTensorMap[];
}

/**
 * T per-task gradients from ONE forward pass: the forward is recorded once on a fresh gradient tape, then T
 * backward passes start from L_1 … L_T in turn and each visits only the recorded ops between L_t and its
 * variables — what T calls of `tf.variableGrads` give, without running the forward T times (PyTorch's
 * `backward(retain_graph=True)`, as LibMTL computes J). The backward passes themselves are not recorded.
 * Uses the engine's public `state` (tfjs-core 4.22); any enclosing tape is untouched and resumes afterwards.
 *
 * @example
 * const [a, b] = [tf.variable(tf.scalar(2)), tf.variable(tf.scalar(3))];
 * const { losses, grads } = taskGradients(() => {
 *   const shared = tf.mul(a, b); // a·b, computed once
 *   return [tf.square(shared) as tf.Scalar, tf.mul(shared, b) as tf.Scalar]; // (ab)², ab²
 * }, (t) => (t === 0 ? [a] : [a, b]));
 * grads[0]![a.name]!.dataSync(); // → [36]
 * grads[1]![b.name]!.dataSync(); // → [12]
 * tf.dispose([...losses, ...grads.flatMap((g) => Object.values(g)), a, b]);
 */
export function taskGradients(
  forward: () => tf.Scalar[],
  variables: (task: number) => readonly tf.Variable[],
): TaskGradients {
  const state = tf.engine().state;
  const outer = { tape: state.activeTape, gradientDepth: state.gradientDepth, kernelDepth: state.kernelDepth };
  const tape: typeof state.activeTape = [];
  // What tf.variableGrads' own startTape does at depth 0: record every op of the forward on a new tape.
  Object.assign(state, { activeTape: tape, gradientDepth: 1, kernelDepth: 0 });
  let losses: tf.Scalar[] = [];
  const grads: tf.NamedTensorMap[] = [];
  try {
    losses = tf.tidy(forward);
    // Each tf.variableGrads below finds the tape open (depth ≥ 1), so it keeps it and back-propagates through
    // its recorded forward; kernelDepth > 0 switches recording off, so its backward ops join no tape.
    state.kernelDepth = 1;
    losses.forEach((loss, t) => grads.push(tf.variableGrads(() => loss, [...variables(t)]).grads));
    return { losses, grads };
  } catch (error) {
    tf.dispose([...losses, ...grads.flatMap((taskGrads) => Object.values(taskGrads))]);
    throw error;
  } finally {
    // The tensors the forward saved for the backward are kept (outside any tidy) until their tape ends.
    for (const node of tape) tf.dispose(node.saved ?? []);
    Object.assign(state, {
      activeTape: outer.tape,
      gradientDepth: outer.gradientDepth,
      kernelDepth: outer.kernelDepth,
    });
  }
}
