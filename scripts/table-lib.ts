// Argument parsing, the mean ± sd summary and the Pareto summary of scripts/table.ts, kept apart so
// tests can call them.
import { paretoGap, type ParetoPoint } from "../src";

export interface TableArgs {
  dataset: "multimnist" | "multifashion";
  seeds: number[];
  epochs: number;
  train: number;
  test: number;
  methods: string[];
  /** Weights on the first task of the static-weight sweep (the second gets 1 − w); [] for none. */
  sweep: number[];
  out?: string;
}

export interface TableRun {
  method: string;
  seed: number;
  scores: Readonly<Record<string, Readonly<Record<string, number>>>>;
  deltaM: number;
  seconds: number;
}

/** The sweep's default weights on the first task; equal weighting (½, ½) is its middle point. */
export const defaultSweep = [0.1, 0.25, 0.75, 0.9];

/** The table's name for the static-weight run with weight w on the first task and 1 − w on the second. */
export function sweepName(weight: number): string {
  return `static ${weight}`;
}

export interface TableRow {
  method: string;
  /** Per task "accuracy %" and "Δm %": "mean ± sd" over seeds. */
  cells: Record<string, string>;
  mean: Record<string, number>;
  sd: Record<string, number>;
}

/** Reads `<dataset> [--seeds N] [--epochs N] [--train N] [--test N] [--methods a,b] [--sweep w,w|none] [--out f]`. */
export function parseTableArgs(argv: readonly string[], knownMethods: readonly string[]): TableArgs {
  const [dataset, ...rest] = argv;
  if (dataset !== "multimnist" && dataset !== "multifashion") {
    throw new Error(`unknown data set "${dataset ?? ""}"; use "multimnist" or "multifashion"`);
  }
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i] ?? "";
    if (!name.startsWith("--") || rest[i + 1] === undefined) throw new Error(`expected --name value, found "${name}"`);
    flags.set(name.slice(2), rest[i + 1] as string);
  }
  const known = ["seeds", "epochs", "train", "test", "methods", "sweep", "out"];
  for (const name of flags.keys()) {
    if (!known.includes(name))
      throw new Error(`unknown option --${name}; use ${known.map((k) => `--${k}`).join(", ")}`);
  }
  const count = (name: string, fallback: number) => {
    const value = Number(flags.get(name) ?? fallback);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be an integer ≥ 1, found ${flags.get(name)}`);
    return value;
  };
  const methods = (flags.get("methods") ?? knownMethods.join(",")).split(",");
  for (const method of methods) {
    if (!knownMethods.includes(method)) throw new Error(`unknown method "${method}"; use ${knownMethods.join(", ")}`);
  }
  const sweepText = flags.get("sweep") ?? defaultSweep.join(",");
  const sweep = sweepText === "none" ? [] : sweepText.split(",").map(Number);
  if (!sweep.every((w) => w > 0 && w < 1))
    throw new Error(`--sweep takes weights strictly between 0 and 1 (or "none"), found "${sweepText}"`);
  return {
    dataset,
    seeds: Array.from({ length: count("seeds", 3) }, (_, i) => i),
    epochs: count("epochs", 5),
    train: count("train", 10000),
    test: count("test", 10000),
    methods,
    sweep,
    out: flags.get("out"),
  };
}

/** Mean ± sample standard deviation over seeds of each task's accuracy (%) and of Δm (%), per method. */
export function summariseRuns(runs: readonly TableRun[], tasks: readonly string[]): TableRow[] {
  const methods = [...new Set(runs.map((run) => run.method))];
  return methods.map((method) => {
    const mine = runs.filter((run) => run.method === method);
    const accuracies = (task: string) => mine.map((run) => 100 * (run.scores[task]?.accuracy ?? NaN));
    const columns: Record<string, number[]> = Object.fromEntries(tasks.map((task) => [`${task} %`, accuracies(task)]));
    columns["Δm %"] = mine.map((run) => run.deltaM);
    const mean: Record<string, number> = {};
    const sd: Record<string, number> = {};
    const cells: Record<string, string> = {};
    for (const [name, values] of Object.entries(columns)) {
      mean[name] = values.reduce((a, b) => a + b, 0) / values.length;
      sd[name] =
        values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean[name]!) ** 2, 0) / (values.length - 1)) : 0;
      cells[name] = `${mean[name]!.toFixed(2)} ± ${sd[name]!.toFixed(2)}`;
    }
    return { method, cells, mean, sd };
  });
}

/** Each method's mean accuracies (x: first task, y: second) with their seed sd, and its ε-gap to the front. */
export interface ParetoSummary {
  points: ParetoPoint[];
  /** The methods whose mean points trace the front: the sweep and equal weighting (static ½, ½). */
  frontFrom: string[];
  /** paretoGap of each method's mean point to the front of the sweep's, in accuracy points (≤ 0: on it). */
  gaps: Record<string, number>;
}

/** Places every method's mean point against the front traced by the static-weight sweep (and equal). */
export function paretoSummary(rows: readonly TableRow[], tasks: readonly [string, string]): ParetoSummary {
  const [first, second] = tasks.map((task) => `${task} %`) as [string, string];
  const points: ParetoPoint[] = rows.map((row) => ({
    method: row.method,
    x: row.mean[first] ?? NaN,
    y: row.mean[second] ?? NaN,
    spread: { x: row.sd[first] ?? 0, y: row.sd[second] ?? 0 },
  }));
  const frontFrom = rows
    .map((row) => row.method)
    .filter((method) => method.startsWith("static ") || method === "equal");
  const front = points.filter((point) => frontFrom.includes(point.method));
  const gaps = Object.fromEntries(
    points.filter((point) => !frontFrom.includes(point.method)).map((point) => [point.method, paretoGap(point, front)]),
  );
  return { points, frontFrom, gaps };
}
