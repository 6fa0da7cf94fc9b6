import * as tf from "@tensorflow/tfjs-core";
import { mtlError } from "../errors";
import type { GruAttrs } from "./gru-layout";
import { gruComposite } from "./gru-composite";

/** Kernel names of the fused GRU on `wasm` (registered by `registerWasmTrainingKernels`). */
export const GRU_FORWARD = "MtlkitGruForward";
export const GRU_BACKWARD = "MtlkitGruBackward";

/** A GRU's weights, laid out as tfjs-layers' `GRU` keeps them (gates in the order z, r, h). */
export interface GruWeights {
  /** [D, 3U] input kernel. */
  kernel: tf.Tensor2D;
  /** [U, 3U] recurrent kernel. */
  recurrentKernel: tf.Tensor2D;
  /** [3U] bias; zeros when absent. */
  bias?: tf.Tensor1D;
}

/** Options of {@link fusedGru}; the defaults are tfjs-layers' `GRU` defaults. */
export interface FusedGruOptions {
  /** The gates' activation: tfjs-layers' default "hardSigmoid" or Keras/PyTorch's "sigmoid". */
  recurrentActivation?: "hardSigmoid" | "sigmoid";
  /** Return every step's state [B, T, U] instead of the last one [B, U]. */
  returnSequences?: boolean;
  /**
   * [B, T], 1 for a real step and 0 for padding: a padded step keeps the state as it was (so the last
   * state is the state after each sequence's last real step, whatever it is padded to), receives no
   * gradient, and its output in `returnSequences` is 0. Default: every step is real.
   */
  mask?: tf.Tensor2D;
}

/**
 * Runs a GRU over a batch of sequences x [B, T, D] from a zero state — exactly tfjs-layers' `GRU`
 * (Cho et al. 2014, eq. 5–8, the reset gate applied before the recurrent product) — as ONE op with
 * one custom gradient: on `wasm` two fused kernels (forward, backpropagation through time) replace
 * the ≈150 small kernels per time step that tfjs-layers dispatches; other backends run the same maths
 * op by op.
 *
 * @example
 * const h = fusedGru(tf.ones([2, 5, 3]), { kernel: tf.zeros([3, 12]), recurrentKernel: tf.zeros([4, 12]) });
 * h.shape; // → [2, 4]
 * tf.max(tf.abs(h)); // → 0.0000 (zero weights give z = r = 0.5 and h̃ = 0, so h = 0)
 * // A sequence of 1 real step padded to 3 ends in the state of the 1-step sequence:
 * const kernel = tf.fill([3, 12], 0.3) as tf.Tensor2D;
 * const weights = { kernel, recurrentKernel: tf.fill([4, 12], -0.2) as tf.Tensor2D };
 * const padded = fusedGru(tf.ones([1, 3, 3]), weights, { mask: tf.tensor2d([[1, 0, 0]]) });
 * tf.max(tf.abs(tf.sub(padded, fusedGru(tf.ones([1, 1, 3]), weights)))); // → 0
 */
export function fusedGru(x: tf.Tensor3D, weights: GruWeights, options: FusedGruOptions = {}): tf.Tensor {
  const attrs: GruAttrs = {
    recurrentActivation: options.recurrentActivation ?? "hardSigmoid",
    returnSequences: options.returnSequences ?? false,
  };
  checkShapes(x, weights);
  if (options.mask !== undefined) checkMask(x, options.mask);
  const U = weights.recurrentKernel.shape[0];
  return tf.tidy(() => {
    const bias = weights.bias ?? tf.zeros([3 * U]);
    const xFloat = x.dtype === "float32" ? x : tf.cast(x, "float32");
    const mask = options.mask === undefined ? undefined : tf.cast(options.mask, "float32");
    const output =
      tf.getBackend() === "wasm" && tf.getKernel(GRU_FORWARD, "wasm") !== undefined
        ? fusedOnWasm(attrs, mask)(xFloat, weights.kernel, weights.recurrentKernel, bias)
        : gruComposite(xFloat, weights.kernel, weights.recurrentKernel, bias, attrs, mask);
    // Padded steps carry the state on; their outputs are zeroed so nothing downstream reads them.
    return mask !== undefined && attrs.returnSequences ? tf.mul(output, tf.expandDims(mask, 2)) : output;
  });
}

function fusedOnWasm(attrs: GruAttrs, mask: tf.Tensor | undefined) {
  const named = attrs as unknown as tf.NamedAttrMap;
  // The mask is constant here (closed over, not an input of the custom gradient): it gets no gradient.
  return tf.customGrad((x, kernel, recurrentKernel, bias, save) => {
    const inputs = { x, kernel, recurrentKernel, bias, ...(mask ? { mask } : {}) } as tf.NamedTensorMap;
    const [value, states, gates] = tf.engine().runKernel(GRU_FORWARD, inputs, named) as tf.Tensor[];
    (save as tf.GradSaveFunc)([x, kernel, recurrentKernel, states, gates] as tf.Tensor[]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sKernel, sRecurrent, sStates, sGates] = saved;
      const gradInputs = {
        dy,
        x: sx,
        kernel: sKernel,
        recurrentKernel: sRecurrent,
        states: sStates,
        gates: sGates,
      } as tf.NamedTensorMap;
      return tf.engine().runKernel(GRU_BACKWARD, gradInputs, named) as tf.Tensor[];
    };
    return { value: value as tf.Tensor, gradFunc };
  });
}

function checkMask(x: tf.Tensor, mask: tf.Tensor): void {
  const [B, T] = x.shape;
  if (mask.rank !== 2 || mask.shape[0] !== B || mask.shape[1] !== T) {
    throw mtlError({
      code: "mask-shape",
      message: `fusedGru expected a mask [batch, time] = [${B}, ${T}] for x [${x.shape}]; found mask [${mask.shape}]`,
      fix: "build the mask from the same batch of token ids (sequenceMask), one row per sequence, one column per step",
    });
  }
}

function checkShapes(x: tf.Tensor, { kernel, recurrentKernel, bias }: GruWeights): void {
  const U = recurrentKernel.shape[0];
  const D = x.shape[2];
  const expected = `x [B, T, D], kernel [D, 3U], recurrentKernel [U, 3U], bias [3U]`;
  const found =
    `x [${x.shape}], kernel [${kernel.shape}], ` +
    `recurrentKernel [${recurrentKernel.shape}]${bias ? `, bias [${bias.shape}]` : ""}`;
  const ok =
    x.rank === 3 &&
    kernel.shape[0] === D &&
    kernel.shape[1] === 3 * U &&
    recurrentKernel.shape[1] === 3 * U &&
    (bias === undefined || (bias.rank === 1 && bias.shape[0] === 3 * U));
  if (!ok) {
    throw mtlError({
      code: "gru-shapes",
      message: `fusedGru expected ${expected}; found ${found}`,
      fix:
        "pass the sequence as [batch, time, features] " +
        "and weights laid out like tfjs-layers' GRU (gates z, r, h side by side)",
    });
  }
}
