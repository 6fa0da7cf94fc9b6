import * as tf from "@tensorflow/tfjs-core";
import { resizeNearestNeighborGradCpu } from "./resize-nearest-neighbor-grad";

/**
 * Registers, for the `cpu` backend, the kernels tfjs-backend-cpu 4.22 gets wrong for training:
 * `ResizeNearestNeighborGrad` (wrong for every batch element after the first). Idempotent; returns
 * the names of the kernels mtlkit registered.
 *
 * @example
 * registerCpuKernelFixes(); // ["ResizeNearestNeighborGrad"]
 */
export function registerCpuKernelFixes(): string[] {
  const kernelName = "ResizeNearestNeighborGrad";
  const existing = tf.getKernel(kernelName, "cpu");
  if (existing?.kernelFunc !== (resizeNearestNeighborGradCpu as tf.KernelFunc)) {
    if (existing !== undefined) tf.unregisterKernel(kernelName, "cpu");
    tf.registerKernel({ kernelName, backendName: "cpu", kernelFunc: resizeNearestNeighborGradCpu as tf.KernelFunc });
  }
  return [kernelName];
}
