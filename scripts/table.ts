// The research table: weighting methods × seeds on MultiMNIST or MultiFashion, per-task accuracy and
// Δm against single-task models (mean ± sd over seeds), the table LibMTL and the papers print; and the
// Pareto front traced by a sweep of static weights (w, 1 − w), each method's mean point placed against it.
// A progress bar (stderr) counts every epoch of every model; a line per run goes to stdout.
// Usage: npm run table -- multimnist [--seeds 3] [--epochs 5] [--train 10000] [--test 10000]
//        [--methods equal,mgda,...] [--sweep 0.1,0.25,0.75,0.9|none] [--out bench/results/table-multimnist.json]
// Writes the JSON named by --out and, next to it, an .html page with the table and the interactive figure.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as mtl from "../src";
import { repoRoot } from "./bootstrap";
import { paretoSummary, parseTableArgs, summariseRuns, sweepName, type TableRun } from "./table-lib";

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
  const weightings: [string, () => mtl.WeightingMethod][] = [
    ...args.methods.map((method): [string, () => mtl.WeightingMethod] => [
      method,
      () => factories[method]!(data.tasks.length),
    ]),
    ...args.sweep.map((w): [string, () => mtl.WeightingMethod] => [
      sweepName(w),
      () => mtl.staticWeights({ weights: [w, 1 - w] }),
    ]),
  ];
  const total = args.seeds.length * (weightings.length + 1);
  let done = 0;
  // A bar over every epoch of every model (on stderr; redrawn in place on a terminal), and one line per run.
  const epochsInAll = args.seeds.length * (data.tasks.length + weightings.length) * args.epochs;
  const bar = mtl.progressBar({ total: epochsInAll, label: `table ${args.dataset}` });
  let epochsDone = 0;
  let running = "";
  const onEpochEnd = () => bar.update(++epochsDone, running);
  const progress = (what: string, seconds: number) => {
    if (process.stderr.isTTY) process.stderr.write("\r\u001b[K");
    console.log(
      `[${++done}/${total}] ${what} (${seconds.toFixed(1)} s; ${((Date.now() - started) / 1000).toFixed(0)} s so far)`,
    );
  };
  const seeds = args.seeds.join(", ");
  console.log(
    `${args.dataset}: ${args.train} train / ${args.test} test pairs, ${args.epochs} epochs, seeds ${seeds}, backend ${report.backend}`,
  );
  const runs: TableRun[] = [];
  for (const seed of args.seeds) {
    running = `single-task models, seed ${seed}`;
    const single = await mtl.singleTask({ tasks: data.tasks, build: (task) => build([task], seed) }, data, {
      ...options,
      seed,
      onEpochEnd,
    });
    Object.values(single.models).forEach((model) => model.dispose());
    runs.push({ method: "single task", seed, scores: single.scores, deltaM: 0, seconds: single.seconds });
    progress(`single-task models, seed ${seed}`, single.seconds);
    for (const [method, weighting] of weightings) {
      const model = build(data.tasks, seed);
      running = `${method}, seed ${seed}`;
      const history = await mtl.train(model, data, { ...options, seed, weighting: weighting(), onEpochEnd });
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
  bar.finish(`${total} runs`);
  const rows = summariseRuns(
    runs,
    data.tasks.map((task) => task.name),
  );
  console.table(Object.fromEntries(rows.map((row) => [row.method, row.cells])));
  const names = data.tasks.map((task) => task.name) as [string, string];
  const pareto = rows.some((row) => row.method.startsWith("static ") || row.method === "equal")
    ? paretoSummary(rows, names)
    : undefined;
  const figure = pareto && paretoFigure(args.dataset, names, pareto);
  if (pareto) {
    console.log("distance behind the static-weight front (accuracy points on both tasks; ≤ 0: on or beyond it):");
    console.table(Object.fromEntries(Object.entries(pareto.gaps).map(([method, gap]) => [method, gap.toFixed(2)])));
  }
  const seconds = (Date.now() - started) / 1000;
  const out = args.out ?? join(repoRoot, "bench", "results", `table-${args.dataset}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const result = { dataset: args.dataset, options: args, backend: report.backend, seconds, rows, runs, pareto, figure };
  writeFileSync(out, JSON.stringify(result, null, 1));
  const page = out.replace(/\.json$/, "") + ".html";
  writeFileSync(page, tablePage(args.dataset, rows, figure, seconds));
  console.log(`wrote ${out} and ${page}; total time ${seconds.toFixed(1)} s`);
}

function paretoFigure(dataset: string, tasks: [string, string], pareto: ReturnType<typeof paretoSummary>) {
  return mtl.paretoPlot(pareto.points, {
    title: `${dataset}: each method against the front of static weights (mean ± sd over seeds)`,
    xLabel: `${tasks[0]} accuracy %`,
    yLabel: `${tasks[1]} accuracy %`,
    better: { x: "higher", y: "higher" },
    frontFrom: pareto.frontFrom,
    frontName: "front of static weights",
  });
}

// A self-contained page (plotly.js inlined) for the site: the table, then the interactive figure.
function tablePage(
  dataset: string,
  rows: ReturnType<typeof summariseRuns>,
  figure: mtl.PlotlyFigure | undefined,
  seconds: number,
) {
  const columns = Object.keys(rows[0]?.cells ?? {});
  const cells = (values: string[], tag: string) => values.map((value) => `<${tag}>${value}</${tag}>`).join("");
  const table = [
    `<tr>${cells(["method", ...columns], "th")}</tr>`,
    ...rows.map((row) => `<tr>${cells([row.method, ...columns.map((column) => row.cells[column] ?? "")], "td")}</tr>`),
  ].join("\n");
  return (
    `<!doctype html><meta charset="utf-8"><title>mtlkit research table: ${dataset}</title>\n` +
    `<body style="font-family:system-ui,sans-serif;max-width:960px;margin:2em auto">\n` +
    `<h1>Research table: ${dataset}</h1><p>mean ± sd over seeds; total time ${seconds.toFixed(0)} s</p>\n` +
    `<table border="1" cellpadding="4" style="border-collapse:collapse">\n${table}\n</table>\n` +
    (figure ? mtl.plotlyHtml(figure, { bundle: "inline" }) : "") +
    "\n</body>\n"
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
