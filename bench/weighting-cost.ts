// `npm run bench:weighting`: the per-step cost of every gradient-based weighting method relative to equal
// weighting (one forward, one backward), at T = 2, 4, 8 tasks, in "param" and "representation" mode, on the
// wasm backend. Model: hard sharing, an MLP trunk 256 → 512 → 256 (≈ 260k shared parameters) and one linear
// regression head per task, batch 128, synthetic data. Each cell is the median over repeats of the mean step
// time of a warm epoch. Options: --repeats N (default 3), --steps N per epoch (default 12), --only mgda,pcgrad,
// --tasks 8 (default 2,4,8).
// Goals (issue 6): representation mode at T = 8 ≤ 1.5× equal; param mode no worse than LibMTL on PyTorch
// (≈ 2.4× / 4.3× / 8.2× at T = 2 / 4 / 8).
import { initBackend } from "../src/backend";
import type { Dataset } from "../src/data/types";
import { train } from "../src/train";
import * as weighting from "../src/weighting";
import type { GradientMode, WeightingMethod } from "../src/weighting";
import {
  batchSize,
  benchModel,
  gradientMethods as methods,
  inputDim,
  syntheticData,
  commandOption,
  benchTrainOptions,
} from "./weighting-setup";

const option = commandOption;
const repeats = Number(option("repeats", "3"));
const stepsPerEpoch = Number(option("steps", "12"));
const only = option("only", "").split(",").filter(Boolean);
const taskCounts = option("tasks", "2,4,8").split(",").map(Number);

/** Mean seconds per step of the second (warm) epoch: wall clock, and this process's CPU time (user + system). */
async function stepSeconds(
  data: Dataset,
  method: WeightingMethod,
  mode: GradientMode | undefined,
): Promise<{ wall: number; cpu: number }> {
  const model = benchModel(data);
  let warm = process.cpuUsage();
  let cpu = 0;
  try {
    const history = await train(model, data, {
      ...benchTrainOptions(method, mode, 2),
      onStep: (record) => {
        if (record.step === stepsPerEpoch - 1) warm = process.cpuUsage();
        if (record.step === 2 * stepsPerEpoch - 1) {
          const used = process.cpuUsage(warm);
          cpu = (used.user + used.system) / 1e6;
        }
      },
    });
    return { wall: (history.timing.epochSeconds[1] as number) / stepsPerEpoch, cpu: cpu / stepsPerEpoch };
  } finally {
    model.dispose();
    weighting.moveStateToHost(method);
  }
}

const cell = (ratio: number | undefined) => (ratio === undefined ? "—" : `${ratio.toFixed(2)}×`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  const backend = await initBackend({ backend: "wasm" });
  console.log(
    `weighting cost — backend ${backend.backend}, batch ${batchSize}, MLP ${inputDim}→512→256, ${stepsPerEpoch} steps/epoch, median of ${repeats}`,
  );
  const names = Object.keys(methods).filter((name) => only.length === 0 || only.includes(name));
  const ratios: Record<string, Record<string, number>> = {};
  const cpuRatios: Record<string, Record<string, number>> = {};
  const baseMs: Record<number, number> = {};
  for (const T of taskCounts) {
    const data = syntheticData(T, stepsPerEpoch);
    // Methods interleaved within each repeat so that machine load hits all alike.
    const samples: Record<string, number[]> = {};
    const cpuSamples: Record<string, number[]> = {};
    const measure = async (key: string, method: WeightingMethod, mode: GradientMode | undefined) => {
      const { wall, cpu } = await stepSeconds(data, method, mode);
      (samples[key] ??= []).push(wall);
      (cpuSamples[key] ??= []).push(cpu);
    };
    for (let r = 0; r < repeats; r++) {
      await measure("equal", weighting.equal(), undefined);
      for (const name of names) {
        for (const mode of ["param", "representation"] as const) {
          const method = (methods[name] as () => WeightingMethod)();
          if (method.kind === "jacobian" && method.modes && !method.modes.includes(mode)) continue;
          await measure(`${name}|${mode}`, method, mode);
        }
      }
    }
    const base = median(samples.equal as number[]);
    console.error(`T = ${T} measured`);
    baseMs[T] = base * 1000;
    for (const [key, values] of Object.entries(samples)) {
      if (key === "equal") continue;
      (ratios[key] ??= {})[T] = median(values) / base;
      (cpuRatios[key] ??= {})[T] = median(cpuSamples[key] as number[]) / median(cpuSamples.equal as number[]);
    }
  }
  const header = ["method", ...taskCounts.map((T) => `param T=${T}`), ...taskCounts.map((T) => `rep T=${T}`)];
  const rows = names.map((name) => [
    name,
    ...(["param", "representation"] as const).flatMap((mode) =>
      taskCounts.map((T) => `${cell(ratios[`${name}|${mode}`]?.[T])} (${cell(cpuRatios[`${name}|${mode}`]?.[T])})`),
    ),
  ]);
  console.log(
    `equal weighting: ${taskCounts.map((T) => `${(baseMs[T] as number).toFixed(1)} ms/step at T=${T}`).join(", ")}`,
  );
  console.log("wall-clock ratio (in brackets: CPU-time ratio, process.cpuUsage, which machine load moves least)");
  console.log(`| ${header.join(" | ")} |\n|${header.map(() => " --- ").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  const libMtl: Record<number, number> = { 2: 2.4, 4: 4.3, 8: 8.2 };
  if (taskCounts.includes(8)) {
    const worstRep8 = Math.max(...names.map((name) => ratios[`${name}|representation`]?.[8] ?? 0));
    console.log(`goal rep-grad T=8 ≤ 1.5×: worst ${worstRep8.toFixed(2)}× ${worstRep8 <= 1.5 ? "met" : "NOT met"}`);
  }
  const param = taskCounts.map((T) => Math.max(...names.map((name) => ratios[`${name}|param`]?.[T] ?? 0)));
  const goals = taskCounts.map((T) => libMtl[T] ?? Number.NaN);
  console.log(
    `goal param-grad ≤ LibMTL (${goals.join("/")}×): worst ${param.map((p) => p.toFixed(2)).join(" / ")}× ` +
      `${param.every((p, i) => p <= (goals[i] as number)) ? "met" : "NOT met"}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
