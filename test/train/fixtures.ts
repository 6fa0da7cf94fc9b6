// Shared fixtures for the trainer and checkpoint tests: a small synthetic two-task problem.
import assert from "node:assert/strict";
import { createRng } from "../../src/backend";
import { MtlError } from "../../src/errors";
import { hardSharing, mlp } from "../../src/arch";
import type { MultiTaskModel } from "../../src/arch";
import type { Dataset, Split } from "../../src/data/types";
import type { Task } from "../../src/tasks";
import type { GradientWeighting } from "../../src/weighting/types";
import type { History } from "../../src/train";

export const tasks: Task[] = [
  { name: "a", kind: "classification", classes: 3 },
  { name: "b", kind: "regression" },
];

/** x ~ N(0, I₄); a = [x₀ + x₁ > 0] + [x₂ > 1] (3 classes); b = x₂ − x₃/2. */
export function makeSplit(size: number, seed: number): Split {
  const rng = createRng(seed);
  const x = new Float32Array(size * 4);
  const a = new Int32Array(size);
  const b = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < 4; j++) x[i * 4 + j] = rng.normal();
    a[i] = Number((x[i * 4] as number) + (x[i * 4 + 1] as number) > 0) + Number((x[i * 4 + 2] as number) > 1);
    b[i] = (x[i * 4 + 2] as number) - 0.5 * (x[i * 4 + 3] as number);
  }
  return {
    size,
    inputs: { x: { values: x, shape: [4], dtype: "float32" } },
    targets: { a: { values: a, shape: [], dtype: "int32" }, b: { values: b, shape: [], dtype: "float32" } },
  };
}

export function makeDataset(seed = 1, size = 256): Dataset {
  return {
    name: "toy",
    tasks,
    train: makeSplit(size, seed),
    validation: makeSplit(64, seed + 100),
    test: makeSplit(64, seed + 200),
    seed,
    source: "synthetic",
  };
}

export function makeModel(seed = 1, dropout = 0): MultiTaskModel {
  return hardSharing({ trunk: mlp({ inputShape: [4], hidden: [16], dropout }), tasks, seed });
}

/** Every variable's values, in group order. */
export function weightsOf(model: MultiTaskModel): number[][] {
  return [...model.sharedVariables, ...Object.values(model.taskVariables).flat()].map((v) => Array.from(v.dataSync()));
}

/** The history without wall-clock timings, which legitimately differ between runs. */
export function withoutTiming(history: History): Omit<History, "timing"> {
  const { timing: _timing, ...rest } = history;
  return JSON.parse(JSON.stringify(rest)) as Omit<History, "timing">;
}

/**
 * A gradient method with weights 1 for every task: as task variables get their own task's gradient,
 * its update must equal that of the summed loss Σ_t L_t everywhere.
 */
export const sumOfGradients: GradientWeighting = {
  kind: "gramian",
  name: "sumOfGradients",
  weigh: (_gramian, context) => ({ weights: new Float64Array(context.taskNames.length).fill(1) }),
};

/** Two-task MGDA in closed form (Sener & Koltun 2018, Algorithm 1): γ = clamp((G₂₂ − G₁₂)/(G₁₁ − 2G₁₂ + G₂₂), 0, 1). */
export const twoTaskMgda: GradientWeighting = {
  kind: "gramian",
  name: "twoTaskMgda",
  weigh: (g) => {
    const [g11, g12, , g22] = [g[0] as number, g[1] as number, g[2] as number, g[3] as number];
    const denominator = g11 - 2 * g12 + g22;
    const gamma = denominator > 0 ? Math.min(1, Math.max(0, (g22 - g12) / denominator)) : 0.5;
    return { weights: Float64Array.from([gamma, 1 - gamma]), solver: { converged: true, iterations: 1 } };
  },
};

export const within = (actual: number[][], expected: number[][], tolerance: number): boolean =>
  actual.every((row, i) => row.every((value, j) => Math.abs(value - (expected[i]?.[j] as number)) <= tolerance));

/** Asserts that `promise` rejects with an MtlError of this code whose message matches. */
export const rejectsCode = (promise: Promise<unknown>, code: string, message: RegExp): Promise<void> =>
  assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof MtlError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
