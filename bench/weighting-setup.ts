// The model, data and methods shared by bench/weighting-cost.ts and bench/weighting-profile.ts.
import { hardSharing, mlp } from "../src/arch";
import type { MultiTaskModel } from "../src/arch/types";
import { createRng } from "../src/backend";
import type { Dataset, Split } from "../src/data/types";
import type { Task } from "../src/tasks";
import * as weighting from "../src/weighting";
import type { GradientMode, WeightingMethod } from "../src/weighting";

export const batchSize = 128;
export const inputDim = 256;

/** Every gradient method, with a "mean of gradients" that isolates the cost of T backward passes. */
export const gradientMethods: Record<string, () => WeightingMethod> = {
  meanOfGradients: () => ({
    kind: "gramian",
    name: "meanOfGradients",
    weigh: (_g, context) => ({
      weights: new Float64Array(context.taskNames.length).fill(1 / context.taskNames.length),
    }),
  }),
  mgda: () => weighting.mgda(),
  pcgrad: () => weighting.pcgrad(),
  gradVac: () => weighting.gradVac(),
  gradDrop: () => weighting.gradDrop(),
  cagrad: () => weighting.cagrad(),
  imtlG: () => weighting.imtlG(),
  nashMtl: () => weighting.nashMtl(),
  alignedMtl: () => weighting.alignedMtl(),
  upgrad: () => weighting.upgrad(),
  dualProj: () => weighting.dualProj(),
  dbMtl: () => weighting.dbMtl(),
  gradNorm: () => weighting.gradNorm(),
};

/** T regression tasks on 256 Gaussian features, `steps` batches of 128. */
export function syntheticData(taskCount: number, steps: number): Dataset {
  const rng = createRng(taskCount);
  const size = batchSize * steps;
  const x = Float32Array.from({ length: size * inputDim }, () => rng.normal());
  const tasks: Task[] = Array.from({ length: taskCount }, (_, t) => ({ name: `t${t}`, kind: "regression" }));
  const targets: Split["targets"] = {};
  tasks.forEach((task, t) => {
    targets[task.name] = {
      values: Float32Array.from({ length: size }, (_, n) => (x[n * inputDim + t] as number) - 0.5 * rng.normal()),
      shape: [],
      dtype: "float32",
    };
  });
  const train: Split = { size, inputs: { x: { values: x, shape: [inputDim], dtype: "float32" } }, targets };
  return {
    name: `bench-T${taskCount}`,
    tasks,
    train,
    validation: { ...train, size: 0 },
    test: { ...train, size: 0 },
    seed: taskCount,
    source: "synthetic",
  };
}

/** Hard sharing: an MLP trunk 256 → 512 → 256 and one linear head per task. */
export function benchModel(data: Dataset): MultiTaskModel {
  return hardSharing({ trunk: mlp({ inputShape: [inputDim], hidden: [512, 256] }), tasks: data.tasks, seed: 0 });
}

/** The value after `--name` on the command line, else `fallback`. */
export function commandOption(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] as string) : fallback;
}

/** The training options both weighting benches share: one method, one gradient mode, no evaluation. */
export function benchTrainOptions(method: WeightingMethod, mode: GradientMode | undefined, epochs: number) {
  return {
    epochs,
    batchSize,
    seed: 0,
    weighting: method,
    gradientMode: mode,
    validation: false,
    test: false,
    recordSteps: false,
  } as const;
}
