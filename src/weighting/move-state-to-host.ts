import type { WeightingMethod } from "./types";

/**
 * Moves every Float64Array field of a method's `state` to host memory by writing it back to itself: fields a
 * method keeps on the device between steps (DB-MTL's gradient buffers) are read back and their tensors freed.
 * The method stays usable and uploads them again on its next on-device step. The trainer calls it when
 * training ends; call it after your own loop with `weightedGradients`.
 *
 * @example
 * const method = dbMtl();
 * const J = tf.tensor2d([[-4, 1, 1], [6, 1, 1]]);
 * const { direction } = weighGradients(J, method, defaultContext(2));
 * method.endStep!(defaultContext(2));
 * tf.dispose([J, direction]);
 * const before = tf.memory().numTensors;
 * moveStateToHost(method);
 * tf.memory().numTensors; // one fewer than before: the buffer now lives in method.state.buffer
 */
export function moveStateToHost(method: WeightingMethod): void {
  const state = method.state;
  if (state === undefined) return;
  for (const [key, value] of Object.entries(state)) {
    if (value instanceof Float64Array) state[key] = value;
  }
}
