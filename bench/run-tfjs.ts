// Trains one workload on one tfjs backend and prints one JSON line: samples/s per repeat.
// Usage: node --import tsx bench/run-tfjs.ts <workload> <mtlkit-wasm|wasm|cpu> <steps> <repeats> <batch> [threads]
// threads (default 1) is the wasm backend's XNNPACK thread count, for mtlkit-wasm only; the JSON line
// reports the count the backend really runs with.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { initBackend } from "../src/backend";
import { workloads } from "./workloads";
import { fusedAdam } from "../src/kernels";

async function start(backend: string, threads: number): Promise<number> {
  if (backend === "mtlkit-wasm") {
    const report = await initBackend({ backend: "wasm", threads });
    return report.threads ?? 0;
  }
  if (threads !== 1) throw new Error(`threads apply to mtlkit-wasm only, not ${backend}`);
  tf.enableProdMode();
  await tf.setBackend(backend);
  return 1;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const [name, backend = "mtlkit-wasm", stepsText = "20", repeatsText = "3", batchText = "128", threadsText = "1"] =
    args;
  const workload = workloads.find((w) => w.name === name);
  if (workload === undefined) throw new Error(`unknown workload ${name}`);
  const threads = await start(backend, Number(threadsText));
  const [steps, repeats, batchSize] = [Number(stepsText), Number(repeatsText), Number(batchText)];
  const model = workload.build();
  const { x, labels } = workload.batch(batchSize, 1);
  tf.dispose(tf.tidy(() => model.forward(x))); // builds the layers' variables
  // mtlkit's fusedAdam is tf.train.adam exactly; on wasm it updates each variable in one kernel.
  const optimizer = process.env.BENCH_TF_ADAM ? tf.train.adam(1e-3) : fusedAdam(1e-3);
  const step = () => {
    const loss = optimizer.minimize(() => model.loss(model.forward(x), labels), true) as tf.Scalar;
    const value = loss.dataSync()[0] as number;
    loss.dispose();
    return value;
  };
  // Warm-up: the first step builds variables, XNNPACK operators and optimizer slots; the next ones
  // let V8 optimise the JS of tfjs and the kernels, which takes seconds, not steps (an MMoE step falls
  // from ≈25 ms to ≈7 ms over its first 200 steps). The PyTorch twins warm up by the same rule.
  const firstLoss = step();
  const warmupBegin = performance.now();
  for (let s = 1; !warmedUp(s, steps, performance.now() - warmupBegin); s++) step();
  const samplesPerSecond: number[] = [];
  let lastLoss = firstLoss;
  for (let r = 0; r < repeats; r++) {
    const begin = performance.now();
    for (let s = 0; s < steps; s++) lastLoss = step();
    samplesPerSecond.push((steps * batchSize * 1000) / (performance.now() - begin));
  }
  console.log(
    JSON.stringify({ workload: name, backend, threads, steps, batchSize, samplesPerSecond, firstLoss, lastLoss }),
  );
}

main().catch((error: Error) => {
  console.log(JSON.stringify({ error: error.message.split("\n")[0] }));
  process.exit(0);
});

/** Untimed steps before timing: a third of the timed steps and at least 5, and 3 s (at most 1,000 steps). */
function warmedUp(done: number, steps: number, elapsedMs: number): boolean {
  return done >= Math.max(5, Math.round(steps / 3)) && (elapsedMs >= 3000 || done >= 1000);
}
