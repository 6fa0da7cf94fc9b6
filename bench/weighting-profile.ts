// Where a gradient method's step spends its time, in measures machine load cannot move: kernel calls per step
// (tf.profile), CPU time per step (process.cpuUsage, this process only), and the share of it in the method's
// own JS (`weigh`/`combine`: the T×T solvers) and in readbacks (dataSync/arraySync calls and their time).
// Same model and data as `npm run bench:weighting`: hard sharing MLP 256 → 512 → 256, batch 128.
// Usage: node --import tsx bench/weighting-profile.ts [--tasks 8] [--steps 24] [--only mgda,pcgrad]
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../src/backend";
import { prepareRun } from "../src/train/prepare-run";
import { runEpoch } from "../src/train/run-epoch";
import * as weighting from "../src/weighting";
import type { GradientMode, WeightingMethod } from "../src/weighting";
import { benchModel, gradientMethods, syntheticData, commandOption, benchTrainOptions } from "./weighting-setup";

const option = commandOption;
const taskCount = Number(option("tasks", "8"));
const steps = Number(option("steps", "24"));
const only = option("only", "").split(",").filter(Boolean);

/** Counts every readback and the time spent in it. */
const reads = { calls: 0, ms: 0 };
for (const name of ["dataSync", "arraySync"] as const) {
  const original = tf.Tensor.prototype[name] as (this: tf.Tensor) => unknown;
  (tf.Tensor.prototype as unknown as Record<string, unknown>)[name] = function (this: tf.Tensor) {
    const begin = performance.now();
    try {
      return original.call(this);
    } finally {
      reads.calls++;
      reads.ms += performance.now() - begin;
    }
  };
}

/** The method with its `weigh`/`combine`/`combineTensor` timed. */
function timed(method: WeightingMethod, clock: { ms: number }): WeightingMethod {
  const wrapped = { ...method } as unknown as Record<string, unknown>;
  for (const key of ["weigh", "combine", "combineTensor"]) {
    const fn = wrapped[key];
    if (typeof fn !== "function") continue;
    wrapped[key] = (...given: unknown[]) => {
      const begin = performance.now();
      try {
        return (fn as (...a: unknown[]) => unknown).apply(method, given);
      } finally {
        clock.ms += performance.now() - begin;
      }
    };
  }
  return wrapped as unknown as WeightingMethod;
}

interface Profile {
  kernels: number;
  cpuMs: number;
  wallMs: number;
  methodMs: number;
  reads: number;
  readMs: number;
}

async function profile(make: () => WeightingMethod, mode: GradientMode | undefined): Promise<Profile> {
  const data = syntheticData(taskCount, steps);
  const model = benchModel(data);
  const clock = { ms: 0 };
  const method = timed(make(), clock);
  try {
    const run = prepareRun(model, data, benchTrainOptions(method, mode, 3));
    await runEpoch(run, 0);
    clock.ms = 0;
    Object.assign(reads, { calls: 0, ms: 0 });
    const cpu = process.cpuUsage();
    const begin = performance.now();
    await runEpoch(run, 1);
    const wallMs = (performance.now() - begin) / steps;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000 / steps;
    const measured = { methodMs: clock.ms / steps, reads: reads.calls / steps, readMs: reads.ms / steps };
    const info = await tf.profile(() => runEpoch(run, 2));
    return { kernels: info.kernels.length / steps, cpuMs, wallMs, ...measured };
  } finally {
    model.dispose();
    weighting.moveStateToHost(method);
  }
}

async function main(): Promise<void> {
  await initBackend({ backend: "wasm" });
  const names = Object.keys(gradientMethods).filter((name) => only.length === 0 || only.includes(name));
  const base = await profile(() => weighting.equal(), undefined);
  const row = (label: string, p: Profile) =>
    console.log(
      `| ${label} | ${p.kernels.toFixed(0)} | ${p.cpuMs.toFixed(1)} (${(p.cpuMs / base.cpuMs).toFixed(2)}×) | ` +
        `${p.wallMs.toFixed(1)} | ${p.methodMs.toFixed(2)} | ${p.reads.toFixed(0)} | ${p.readMs.toFixed(2)} |`,
    );
  console.log(`T = ${taskCount}, ${steps} steps, per step; CPU ms of this process (ratio to equal)`);
  console.log(
    "| method | kernels | CPU ms | wall ms | method JS ms | readbacks | readback ms |\n|---|---|---|---|---|---|---|",
  );
  row("equal", base);
  for (const name of names) {
    for (const mode of ["representation", "param"] as const) {
      const method = (gradientMethods[name] as () => WeightingMethod)();
      if (method.kind === "jacobian" && method.modes && !method.modes.includes(mode)) continue;
      row(`${name} ${mode === "param" ? "param" : "rep"}`, await profile(gradientMethods[name]!, mode));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
