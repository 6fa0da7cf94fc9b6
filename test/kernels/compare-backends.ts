// Helpers for the kernel tests: run the same computation on `cpu` and on `wasm` (with mtlkit's
// kernels) from the same seeded inputs and measure how far apart the results are.
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, createRng } from "../../src/backend";

/** Seeded float32 values in [-1, 1) shifted by `offset` (negative offsets make all-negative data). */
export function seeded(size: number, seed: number, offset = 0): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => rng.next() * 2 - 1 + offset);
}

let ready: Promise<unknown> | undefined;

/** Runs `compute` on cpu and on wasm; returns both results as flat arrays, output by output. */
export async function onBothBackends(
  compute: () => tf.Tensor[],
): Promise<{ cpu: Float32Array[]; wasm: Float32Array[] }> {
  ready ??= initBackend({ backend: "wasm" });
  await ready;
  const results: Record<"cpu" | "wasm", Float32Array[]> = { cpu: [], wasm: [] };
  for (const backend of ["cpu", "wasm"] as const) {
    await tf.setBackend(backend);
    const outputs = tf.tidy(compute);
    results[backend] = outputs.map((output) => Float32Array.from(output.dataSync()));
    tf.dispose(outputs);
  }
  await tf.setBackend("wasm");
  return results;
}

/** ‖a − b‖∞ / ‖b‖∞, the relative error of `a` against the reference `b`. */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  if (Number.isNaN(diff)) return Infinity;
  return scale === 0 ? diff : diff / scale;
}

/** The largest relative error over all outputs of `compute` between wasm and cpu. */
export async function worstError(compute: () => tf.Tensor[]): Promise<number> {
  const { cpu, wasm } = await onBothBackends(compute);
  return Math.max(...cpu.map((reference, i) => relativeError(wasm[i] as Float32Array, reference)));
}
