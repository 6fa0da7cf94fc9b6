import * as tf from "@tensorflow/tfjs-core";
import type { GruAttrs } from "./gru-layout";

/**
 * tfjs-layers' GRU step by step in plain tfjs ops, for backends without the fused kernels (cpu,
 * tensorflow): the same maths as {@link gruForward}, differentiated by tfjs's autodiff. An optional
 * float mask [B, T] (0 = padded step) sets z = 1 on padded steps, as the fused kernel does.
 *
 * @example
 * const [kernel, recurrentKernel, bias] = [tf.zeros([3, 12]), tf.zeros([4, 12]), tf.zeros([12])];
 * const h = gruComposite(tf.ones([2, 5, 3]), kernel, recurrentKernel, bias, {
 *   recurrentActivation: "hardSigmoid",
 *   returnSequences: false,
 * });
 * h.shape; // → [2, 4]
 */
export function gruComposite(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  attrs: GruAttrs,
  mask?: tf.Tensor,
): tf.Tensor {
  return tf.tidy(() => {
    const [B, T, D] = x.shape;
    const U = recurrentKernel.shape[0];
    const gate =
      attrs.recurrentActivation === "sigmoid"
        ? (a: tf.Tensor) => tf.sigmoid(a)
        : (a: tf.Tensor) => tf.clipByValue(tf.add(tf.mul(a, 0.2), 0.5), 0, 1);
    const projected = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [B * T, D]), kernel), bias), [B, T, 3 * U]);
    const [mixing, candidateKernel] = tf.split(recurrentKernel, [2 * U, U], 1) as [tf.Tensor2D, tf.Tensor2D];
    let h: tf.Tensor2D = tf.zeros([B, U]);
    const outputs: tf.Tensor2D[] = [];
    // Slices, not tf.unstack: tfjs 4.22's Unpack gradient fails for a single time step.
    for (let t = 0; t < T; t++) {
      const step = tf.reshape(tf.slice(projected, [0, t, 0], [B, 1, 3 * U]), [B, 3 * U]);
      const [xz, xr, xh] = tf.split(step, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const [mz, mr] = tf.split(tf.matMul(h, mixing), 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      const gateZ = gate(tf.add(xz, mz));
      // A padded step (mask 0) gets z = 1: the state passes through, and no gradient reaches the step.
      const kept = mask === undefined ? undefined : tf.slice(mask, [0, t], [B, 1]);
      const z = kept === undefined ? gateZ : tf.add(tf.mul(gateZ, kept), tf.sub(1, kept));
      const r = gate(tf.add(xr, mr));
      const hh = tf.tanh(tf.add(xh, tf.matMul(tf.mul(r, h), candidateKernel)));
      h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh));
      outputs.push(h);
    }
    return attrs.returnSequences ? tf.stack(outputs, 1) : h;
  });
}
