import type { Rng } from "../backend/random";
import { mtlError } from "../errors";
import type { TaskSpec } from "../tasks/types";
import { floatColumn } from "./column";
import { generatedSplits, type GeneratedSizes } from "./generated-splits";
import { orthonormalPair } from "./orthonormal-pair";
import { pearsonCorrelation } from "./pearson-correlation";
import { selectTasks } from "./select-tasks";
import type { Dataset, Split } from "./types";

/** Options of {@link mmoeSynthetic}; defaults are the paper's (d = 100, m = 10, c = 1). */
export interface MmoeSyntheticOptions extends GeneratedSizes {
  /** Fixes the task weights and the samples. Default 0. */
  seed?: number;
  /** Cosine similarity of the two task weight vectors, in [−1, 1]. Default 0.5. */
  p?: number;
  /** Input dimension. Default 100. */
  d?: number;
  /** Number of sine terms. Default 10. */
  m?: number;
  /** Scale of the weight vectors. Default 1. */
  c?: number;
  /** Standard deviation of the label noise. Default 0.01. */
  noise?: number;
  /** Sine frequencies α_i; default α_i = i (the paper gives no values). */
  alphas?: number[];
  /** Sine phases β_i; default β_i = (i − 1)² (the paper gives no values). */
  betas?: number[];
  /** Tasks among "task1", "task2". Default both. */
  tasks?: string[];
}

/** The MMoE synthetic dataset, with the knob and the label correlation it achieved. */
export interface MmoeSyntheticDataset extends Dataset {
  /** The requested cosine similarity of the task weights. */
  p: number;
  /** Pearson correlation of the two labels over the training split. */
  correlation: number;
  /** The two task weight vectors w1, w2. */
  weights: [Float64Array, Float64Array];
}

const tasks: TaskSpec[] = [
  { name: "task1", kind: "regression", size: 1, description: "y1 = w1·x + Σ sin(α_i w1·x + β_i) + noise" },
  { name: "task2", kind: "regression", size: 1, description: "y2 = w2·x + Σ sin(α_i w2·x + β_i) + noise" },
];

/**
 * Generates the synthetic two-task regression data of Ma et al. (KDD 2018, §4.1): x ~ N(0, I_d),
 * w1 = c·u1, w2 = c·(p·u1 + √(1−p²)·u2) for orthonormal u1, u2, and
 * y_k = w_k·x + Σ_{i=1}^{m} sin(α_i w_k·x + β_i) + ε_k; reports the labels' achieved Pearson
 * correlation (lower than p because of the sines). See datasets/mmoe-synthetic.md.
 *
 * @example
 * const data = mmoeSynthetic({ p: 0.9, seed: 1 });
 * data.correlation; // → 0.4454 (the sines pull it well below p; see datasets/mmoe-synthetic.md)
 */
export function mmoeSynthetic(options: MmoeSyntheticOptions = {}): MmoeSyntheticDataset {
  const settings = resolve(options);
  const seed = options.seed ?? 0;
  const generated = generatedSplits(
    "mmoe-synthetic",
    seed,
    options,
    (rng) => weightsFor(settings, rng),
    (count, rng, weights) => makeSplit(count, rng, weights, settings),
  );
  const train = generated.train;
  const labels = train.targets;
  const correlation = pearsonCorrelation(labels.task1?.values ?? [], labels.task2?.values ?? []);
  const chosen = selectTasks("mmoe-synthetic", tasks, options.tasks);
  const keep = (split: Split): Split => ({
    ...split,
    targets: Object.fromEntries(chosen.map((task) => [task.name, split.targets[task.name]!])),
  });
  return {
    name: "mmoe-synthetic",
    tasks: chosen,
    seed,
    source:
      `Ma et al. KDD 2018 §4.1 synthetic data, p = ${settings.p}, d = ${settings.d}, ` +
      `m = ${settings.m}, c = ${settings.c}; see datasets/mmoe-synthetic.md`,
    train: keep(train),
    validation: keep(generated.validation),
    test: keep(generated.test),
    p: settings.p,
    correlation,
    weights: generated.params,
  };
}

interface Settings {
  p: number;
  d: number;
  c: number;
  noise: number;
  alphas: number[];
  betas: number[];
}

function resolve(options: MmoeSyntheticOptions): Settings & { m: number } {
  const p = options.p ?? 0.5;
  const d = options.d ?? 100;
  const m = options.m ?? 10;
  if (!(p >= -1 && p <= 1) || !Number.isInteger(d) || d < 2 || !Number.isInteger(m) || m < 0) {
    throw mtlError({
      code: "bad-option",
      message: `mmoeSynthetic needs p in [−1, 1], whole d ≥ 2 and m ≥ 0; got p = ${p}, d = ${d}, m = ${m}`,
      fix: "use e.g. { p: 0.5, d: 100, m: 10 }",
    });
  }
  const alphas = options.alphas ?? Array.from({ length: m }, (_, i) => i + 1);
  const betas = options.betas ?? Array.from({ length: m }, (_, i) => i * i);
  if (alphas.length !== m || betas.length !== m) {
    throw mtlError({
      code: "bad-option",
      message: `mmoeSynthetic got ${alphas.length} alphas and ${betas.length} betas for m = ${m}`,
      fix: "pass m of each, or leave them out",
    });
  }
  return { p, d, m, c: options.c ?? 1, noise: options.noise ?? 0.01, alphas, betas };
}

function weightsFor(settings: Settings, rng: Rng): [Float64Array, Float64Array] {
  const [u1, u2] = orthonormalPair(settings.d, rng);
  const { p, c } = settings;
  const q = Math.sqrt(1 - p * p);
  return [u1.map((x) => c * x), u1.map((x, i) => c * (p * x + q * (u2[i] as number)))];
}

function makeSplit(count: number, rng: Rng, weights: [Float64Array, Float64Array], settings: Settings): Split {
  const { d } = settings;
  const x = new Float32Array(count * d);
  const y = [new Float32Array(count), new Float32Array(count)] as const;
  for (let n = 0; n < count; n++) {
    for (let j = 0; j < d; j++) x[n * d + j] = rng.normal();
    for (let k = 0; k < 2; k++)
      y[k][n] = label(x.subarray(n * d, (n + 1) * d), weights[k] as Float64Array, settings, rng);
  }
  return {
    size: count,
    inputs: { x: floatColumn(x, [d]) },
    targets: { task1: floatColumn(y[0], []), task2: floatColumn(y[1], []) },
  };
}

function label(x: Float32Array, w: Float64Array, settings: Settings, rng: Rng): number {
  let dot = 0;
  for (let j = 0; j < x.length; j++) dot += (x[j] as number) * (w[j] as number);
  let sines = 0;
  for (let i = 0; i < settings.alphas.length; i++)
    sines += Math.sin((settings.alphas[i] as number) * dot + (settings.betas[i] as number));
  return dot + sines + settings.noise * rng.normal();
}
