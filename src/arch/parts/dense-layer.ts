import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../../backend/random";
import { activate, type ActivationName } from "./activation";
import { uniqueName } from "./unique-name";
import { fusedDense } from "../../kernels/fused-dense";

/** A fully connected layer y = act(x W + b) on its own variables. */
export interface DenseLayer {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
  readonly variables: readonly tf.Variable[];
  readonly units: number;
  apply(x: tf.Tensor): tf.Tensor;
}

/** Options of {@link denseLayer}. */
export interface DenseLayerOptions {
  inputSize: number;
  units: number;
  activation?: ActivationName;
  rng: Rng;
  name: string;
}

// One fused kernel (matmul, bias, relu) forward and fewer backward — mtlkit's native GEMM on wasm.
const fusable = (activation: ActivationName): activation is "relu" | "linear" =>
  activation === "relu" || activation === "linear";

/**
 * A dense layer with Glorot-uniform kernel (Glorot & Bengio 2010, eq. 16) drawn from `rng` and a zero bias.
 *
 * @example
 * const layer = denseLayer({ inputSize: 3, units: 2, activation: "relu", rng: createRng(1), name: "fc" });
 * layer.apply(tf.ones([5, 3])).shape; // [5, 2]
 */
export function denseLayer(options: DenseLayerOptions): DenseLayer {
  const { inputSize, units, rng, name } = options;
  const limit = Math.sqrt(6 / (inputSize + units));
  const values = new Float32Array(inputSize * units);
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.next() - 1) * limit;
  const kernel = tf.tidy(() =>
    tf.variable(tf.tensor2d(values, [inputSize, units]), true, uniqueName(`${name}/kernel`)),
  );
  const bias = tf.tidy(() => tf.variable(tf.zeros([units]), true, uniqueName(`${name}/bias`)));
  const activation = options.activation ?? "linear";
  return {
    kernel,
    bias,
    units,
    variables: [kernel, bias],
    apply: (x) =>
      tf.tidy(() =>
        fusable(activation) && x.rank === 2
          ? fusedDense(x as tf.Tensor2D, kernel as tf.Tensor2D, bias as tf.Tensor1D, activation)
          : activate(tf.add(tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D), bias), activation),
      ),
  };
}
