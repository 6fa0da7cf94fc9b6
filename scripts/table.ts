// The research table: weighting methods × seeds on MultiMNIST or MultiFashion, per-task accuracy and
// Δm against single-task models (mean ± sd over seeds), the table LibMTL and the papers print.
// Usage: npm run table -- multimnist [--seeds 3] [--epochs 5] [--train 10000] [--test 10000]
//        [--methods equal,mgda,...] [--out bench/results/table-multimnist.json]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as mtl from "../src";
import { repoRoot } from "./bootstrap";
import { parseTableArgs, summariseRuns, type TableRun } from "./table-lib";

const factories: Record<string, (taskCount: number) => mtl.WeightingMethod> = {
  equal: () => mtl.equal(),
  uncertainty: (taskCount) => mtl.uncertainty({ taskCount }),
  dwa: () => mtl.dwa(),
  gradNorm: () => mtl.gradNorm(),
  mgda: () => mtl.mgda(),
  pcgrad: () => mtl.pcgrad(),
  cagrad: () => mtl.cagrad(),
  nashMtl: () => mtl.nashMtl(),
  upgrad: () => mtl.upgrad(),
  famo: () => mtl.famo(),
};

async function main(): Promise<void> {
  const started = Date.now();
  const args = parseTableArgs(process.argv.slice(2), Object.keys(factories));
  const report = await mtl.initBackend();
  const load = args.dataset === "multimnist" ? mtl.loadMultiMnist : mtl.loadMultiFashion;
  const data = await load({ seed: 0, train: args.train, validation: 0, test: args.test, resize: 28 });
  const build = (tasks: readonly mtl.Task[], seed: number) =>
    mtl.hardSharing({
      trunk: mtl.lenet({ inputShape: [28, 28, 1] }),
      tasks,
      head: { hidden: [50] },
      inputName: "image",
      seed,
    });
  const options = {
    epochs: args.epochs,
    batchSize: 64,
    optimizer: { learningRate: 3e-3 },
    learningRateSchedule: mtl.linearDecay(),
  };
  const total = args.seeds.length * (args.methods.length + 1);
  let done = 0;
  const progress = (what: string, seconds: number) =>
    console.log(
      `[${++done}/${total}] ${what} (${seconds.toFixed(1)} s; ${((Date.now() - started) / 1000).toFixed(0)} s so far)`,
    );
  const seeds = args.seeds.join(", ");
  console.log(
    `${args.dataset}: ${args.train} train / ${args.test} test pairs, ${args.epochs} epochs, seeds ${seeds}, backend ${report.backend}`,
  );
  const runs: TableRun[] = [];
  for (const seed of args.seeds) {
    const single = await mtl.singleTask({ tasks: data.tasks, build: (task) => build([task], seed) }, data, {
      ...options,
      seed,
    });
    Object.values(single.models).forEach((model) => model.dispose());
    runs.push({ method: "single task", seed, scores: single.scores, deltaM: 0, seconds: single.seconds });
    progress(`single-task models, seed ${seed}`, single.seconds);
    for (const method of args.methods) {
      const model = build(data.tasks, seed);
      const history = await mtl.train(model, data, {
        ...options,
        seed,
        weighting: factories[method]!(data.tasks.length),
      });
      model.dispose();
      const scores = mtl.finalScores(history);
      const deltaM = mtl.deltaM(scores, single.scores).percent;
      runs.push({ method, seed, scores, deltaM, seconds: history.timing.seconds });
      const accuracies = data.tasks.map(
        (task) => `${task.name} ${(100 * (scores[task.name]?.accuracy ?? NaN)).toFixed(2)}`,
      );
      progress(`${method}, seed ${seed}: ${accuracies.join(", ")}, Δm ${deltaM.toFixed(2)} %`, history.timing.seconds);
    }
  }
  const rows = summariseRuns(
    runs,
    data.tasks.map((task) => task.name),
  );
  console.table(Object.fromEntries(rows.map((row) => [row.method, row.cells])));
  const seconds = (Date.now() - started) / 1000;
  const out = args.out ?? join(repoRoot, "bench", "results", `table-${args.dataset}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify({ dataset: args.dataset, options: args, backend: report.backend, seconds, rows, runs }, null, 1),
  );
  console.log(`wrote ${out}; total time ${seconds.toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
