import * as tf from "@tensorflow/tfjs-core";

/**
 * Adds the gradient of the penalty terms (L1/L2, the model's own penalty) to `grads` in place; the
 * gradient methods leave penalties out of the task-gradient matrix and add them here. Does nothing
 * when `penalty` returns undefined.
 *
 * @example
 * addPenaltyGrads(grads, () => weightPenalty(variables, { l2: 1e-4 }), variables);
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
