// Prints where one training step of a workload spends its time on a backend, kernel by kernel.
// Usage: node --import tsx bench/profile.ts <workload> [mtlkit-wasm|wasm|cpu] [batch] [steps]
// Times are per step, averaged over `steps` profiled steps (default 10; one step is noisy on a loaded machine).
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { initBackend } from "../src/backend";
import { workloads } from "./workloads";
import { fusedAdam } from "../src/kernels";

async function main(): Promise<void> {
  const [name, backend = "mtlkit-wasm", batchText = "128", stepsText = "10"] = process.argv.slice(2);
  const steps = Number(stepsText);
  const workload = workloads.find((w) => w.name === name);
  if (workload === undefined) throw new Error(`unknown workload ${name}`);
  if (backend === "mtlkit-wasm") await initBackend({ backend: "wasm" });
  else await tf.setBackend(backend);
  const model = workload.build();
  const { x, labels } = workload.batch(Number(batchText), 1);
  tf.dispose(tf.tidy(() => model.forward(x)));
  // mtlkit's fusedAdam is tf.train.adam exactly; on wasm it updates each variable in one kernel.
  const optimizer = process.env.BENCH_TF_ADAM ? tf.train.adam(1e-3) : fusedAdam(1e-3);
  const step = () => tf.dispose(optimizer.minimize(() => model.loss(model.forward(x), labels), true) ?? []);
  for (let i = 0; i < 3; i++) step();
  const begin = performance.now();
  const info = await tf.profile(() => {
    for (let i = 0; i < steps; i++) step();
  });
  const wall = performance.now() - begin;
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const kernel of info.kernels) {
    const entry = byKernel.get(kernel.name) ?? { ms: 0, calls: 0 };
    entry.ms += (kernel.kernelTimeMs as number) / steps;
    entry.calls += 1 / steps;
    byKernel.set(kernel.name, entry);
  }
  const rows = [...byKernel].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((sum, [, e]) => sum + e.ms, 0);
  console.log(
    `${name} on ${backend}, per step: ${info.kernels.length / steps} kernel calls, ${total.toFixed(1)} ms in kernels, ${(wall / steps).toFixed(1)} ms wall (profiled)`,
  );
  for (const [kernel, e] of rows.slice(0, Number(process.env.PROFILE_ROWS ?? 15)))
    console.log(
      `${kernel.padEnd(28)} ${e.ms.toFixed(2).padStart(8)} ms ${String(Math.round(e.calls)).padStart(6)} calls`,
    );
}

main();
