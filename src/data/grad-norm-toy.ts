import type { Rng } from "../backend/random";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { floatColumn } from "./column";
import { generatedSplits, type GeneratedSizes } from "./generated-splits";
import { selectTasks } from "./select-tasks";
import type { Dataset, Split } from "./types";

/** Options of {@link gradNormToy}; defaults are the paper's T = 2 setting. */
export interface GradNormToyOptions extends GeneratedSizes {
  /** Fixes B, the ε_i and the samples. Default 0. */
  seed?: number;
  /** Output scale σ_i of each task; their count is T. Default [1, 100]. */
  sigmas?: number[];
  /** Input dimension. Default 250. */
  inputDim?: number;
  /** Output dimension of every task. Default 100. */
  outputDim?: number;
  /** Standard deviation of the shared matrix B's entries. Default 10. */
  bStd?: number;
  /** Standard deviation of each task's ε_i entries. Default 3.5. */
  epsilonStd?: number;
  /**
   * Length of every input vector; the paper does not say, 1 saturates most of tanh, 0.1 keeps it mostly linear.
   * Default 1.
   */
  inputNorm?: number;
  /** Tasks among "task1" … "taskT". Default all. */
  tasks?: string[];
}

/** The GradNorm toy dataset, with each task's label standard deviation on the training split. */
export interface GradNormToyDataset extends Dataset {
  sigmas: readonly number[];
  labelStd: readonly number[];
}

/**
 * Generates the GradNorm toy regression (Chen et al., ICML 2018, §4): T tasks
 * f_i(x) = σ_i·tanh((B + ε_i)x) with B ~ N(0, 10²) shared and ε_i ~ N(0, 3.5²) per task
 * (outputDim × inputDim), inputs x uniform in [−1, 1]^inputDim scaled to length `inputNorm`; the σ_i
 * put the tasks on very different scales. See datasets/gradnorm-toy.md.
 *
 * @example
 * const data = gradNormToy({ sigmas: [1, 100], seed: 0, train: 200, validation: 50, test: 50 });
 * data.train.targets.task2.shape; // → [100]
 */
export function gradNormToy(options: GradNormToyOptions = {}): GradNormToyDataset {
  const sigmas = options.sigmas ?? [1, 100];
  const inputDim = options.inputDim ?? 250;
  const outputDim = options.outputDim ?? 100;
  if (
    sigmas.length < 1 ||
    !Number.isInteger(inputDim) ||
    inputDim < 1 ||
    !Number.isInteger(outputDim) ||
    outputDim < 1
  ) {
    throw mtlError({
      code: "bad-option",
      message:
        `gradNormToy needs at least one sigma and whole dimensions ≥ 1; ` +
        `got ${sigmas.length} sigmas, ${inputDim}, ${outputDim}`,
      fix: "use e.g. { sigmas: [1, 100] }",
    });
  }
  const shape = {
    sigmas,
    inputDim,
    outputDim,
    bStd: options.bStd ?? 10,
    epsilonStd: options.epsilonStd ?? 3.5,
    inputNorm: options.inputNorm ?? 1,
  };
  const seed = options.seed ?? 0;
  const all = sigmas.map((sigma, i): TaskSpec => ({
    name: `task${i + 1}`,
    kind: "regression",
    size: outputDim,
    description: `${sigma}·tanh((B + ε_${i + 1})x)`,
  }));
  const tasks = selectTasks("gradnorm-toy", all, options.tasks);
  const generated = generatedSplits(
    "gradnorm-toy",
    seed,
    options,
    (rng) => taskMatrices(shape, rng),
    (count, rng, matrices) => makeSplit(count, rng, matrices, shape, tasks),
  );
  return {
    name: "gradnorm-toy",
    tasks,
    seed,
    source: `Chen et al. ICML 2018 §4 toy regression, σ = [${sigmas.join(", ")}]; see datasets/gradnorm-toy.md`,
    train: generated.train,
    validation: generated.validation,
    test: generated.test,
    sigmas,
    labelStd: tasks.map((task) => std(generated.train.targets[task.name]?.values ?? new Float32Array())),
  };
}

interface Shape {
  sigmas: number[];
  inputDim: number;
  outputDim: number;
  bStd: number;
  epsilonStd: number;
  inputNorm: number;
}

/** The per-task matrices B + ε_i, each outputDim × inputDim, row-major. */
function taskMatrices(shape: Shape, rng: Rng): Float64Array[] {
  const size = shape.outputDim * shape.inputDim;
  const shared = Float64Array.from({ length: size }, () => shape.bStd * rng.normal());
  return shape.sigmas.map(() => shared.map((b) => b + shape.epsilonStd * rng.normal()));
}

function makeSplit(count: number, rng: Rng, matrices: Float64Array[], shape: Shape, tasks: TaskSpec[]): Split {
  const { inputDim, outputDim } = shape;
  const x = new Float32Array(count * inputDim);
  const targets: Split["targets"] = {};
  for (let n = 0; n < count; n++) scaledInput(x.subarray(n * inputDim, (n + 1) * inputDim), shape.inputNorm, rng);
  for (const task of tasks) {
    const i = Number(task.name.slice(4)) - 1;
    const y = new Float32Array(count * outputDim);
    const matrix = matrices[i] as Float64Array;
    const sigma = shape.sigmas[i] as number;
    for (let n = 0; n < count; n++) {
      for (let r = 0; r < outputDim; r++) {
        let sum = 0;
        for (let c = 0; c < inputDim; c++)
          sum += (matrix[r * inputDim + c] as number) * (x[n * inputDim + c] as number);
        y[n * outputDim + r] = sigma * Math.tanh(sum);
      }
    }
    targets[task.name] = floatColumn(y, [outputDim]);
  }
  return { size: count, inputs: { x: floatColumn(x, [inputDim]) }, targets };
}

function scaledInput(x: Float32Array, length: number, rng: Rng): void {
  let norm = 0;
  for (let j = 0; j < x.length; j++) {
    const value = 2 * rng.next() - 1;
    x[j] = value;
    norm += value * value;
  }
  const scale = length / Math.sqrt(norm);
  for (let j = 0; j < x.length; j++) x[j] = (x[j] as number) * scale;
}

function std(values: Float32Array | Int32Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let sum = 0;
  for (const v of values) sum += (v - mean) ** 2;
  return Math.sqrt(sum / values.length);
}
