import * as tf from "@tensorflow/tfjs-core";

/**
 * Adds the gradient of the penalty terms (L1/L2, the model's own penalty) to `grads` in place; the
 * gradient methods leave penalties out of the task-gradient matrix and add them here. Does nothing
 * when `penalty` returns undefined.
 *
 * @example
 * const w = tf.variable(tf.tensor2d([[1, -2]]));
 * const grads = { [w.name]: tf.tensor2d([[0.5, 0.5]]) };
 * addPenaltyGrads(grads, () => weightPenalty([w], { l2: 0.1 }), [w]); // adds ∂(0.1·Σw²)/∂w = 0.2·w
 * grads[w.name]; // → [[0.7, 0.1]]
 * tf.dispose([grads[w.name], w]);
 */
export function addPenaltyGrads(
  grads: tf.NamedTensorMap,
  penalty: () => tf.Scalar | undefined,
  variables: readonly tf.Variable[],
): void {
  const probe = penalty();
  if (probe === undefined) return;
  probe.dispose();
  const result = tf.variableGrads(() => penalty() as tf.Scalar, variables as tf.Variable[]);
  result.value.dispose();
  for (const [name, g] of Object.entries(result.grads)) {
    const current = grads[name];
    grads[name] = current === undefined ? g : tf.add(current, g);
    if (current !== undefined) tf.dispose([current, g]);
  }
}
