import * as tf from "@tensorflow/tfjs-core";
import { nativeKernels } from "./native";
import type { KernelArgs, WasmBackend } from "./wasm-ops";

/** The kernel mtlkit registers for wasm: ReLU's gradient dy · step(x) in one pass. */
export const RELU_GRADIENT = "MtlkitReluGradient";

/**
 * ReLU's gradient dy · step(x) (step = 1 for x > 0, NaN for NaN, else 0), bit for bit tfjs-core's
 * `mul(dy, cast(step(x), "float32"))`: on wasm one native pass instead of three kernels, elsewhere that formula.
 *
 * @example
 * await initBackend({ backend: "wasm" });
 * Array.from(reluGradient(tf.tensor1d([1, 2, 3]), tf.tensor1d([-1, 0, 5])).dataSync()); // → [0, 0, 3]
 * await tf.setBackend("cpu");
 */
export function reluGradient(dy: tf.Tensor, x: tf.Tensor): tf.Tensor {
  const native =
    tf.getBackend() === "wasm" &&
    tf.getKernel(RELU_GRADIENT, "wasm") !== undefined &&
    dy.dtype === "float32" &&
    x.dtype === "float32" &&
    tf.util.arraysEqual(dy.shape, x.shape);
  if (native) return tf.engine().runKernel(RELU_GRADIENT, { dy, x }, {}) as tf.Tensor;
  return tf.mul(dy, tf.cast(tf.step(x), "float32"));
}

/** The wasm kernel behind {@link reluGradient}. */
export function reluGradientKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
  const dx = wasm.makeOutput(x.shape, "float32");
  const at = (t: tf.TensorInfo) => wasm.dataIdMap.get(t.dataId).memoryOffset;
  nativeKernels(wasm).reluGradient(at(x), at(dy), at(dx), tf.util.sizeFromShape(x.shape));
  return dx;
}

/**
 * Makes every ReLU's gradient {@link reluGradient} (tfjs-core's gradient registry is global; on backends
 * without the kernel the formula is tfjs-core's own), with a gradient of its own so that gradients of
 * gradients still work. Called by initBackend; idempotent.
 *
 * @example
 * registerReluGradient();
 * const slope = tf.grad((x: tf.Tensor) => tf.relu(x).sum())(tf.tensor1d([-2, 3]));
 * Array.from(slope.dataSync()); // → [0, 1]
 * slope.dispose();
 */
export function registerReluGradient(): void {
  tf.registerGradient({
    kernelName: "Relu",
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => {
      const [x] = saved as [tf.Tensor];
      return { x: () => reluGradient(dy as tf.Tensor, x) };
    },
  });
  tf.registerGradient({
    kernelName: RELU_GRADIENT,
    inputsToSave: ["x"],
    gradFunc: (ddx, saved) => {
      const [x] = saved as [tf.Tensor];
      return { dy: () => reluGradient(ddx as tf.Tensor, x), x: () => tf.zerosLike(x) };
    },
  });
}
