import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paretoSummary, parseTableArgs, summariseRuns } from "../../scripts/table-lib";

test("table arguments: defaults, flags, and unknown names refused", () => {
  const args = parseTableArgs(["multimnist", "--seeds", "2", "--methods", "equal,mgda"], ["equal", "mgda", "pcgrad"]);
  assert.deepEqual([args.seeds, args.methods, args.epochs], [[0, 1], ["equal", "mgda"], 5]);
  assert.throws(() => parseTableArgs(["cifar"], ["equal"]), /unknown data set "cifar"/);
  assert.throws(
    () => parseTableArgs(["multimnist", "--methods", "adam"], ["equal"]),
    /unknown method "adam"; use equal/,
  );
  assert.throws(() => parseTableArgs(["multimnist", "--sede", "2"], ["equal"]), /unknown option --sede/);
});

test("the Pareto summary places each method's mean point against the front of the sweep and equal", () => {
  const row = (method: string, left: number, right: number) => ({
    method,
    cells: {},
    mean: { "left %": left, "right %": right },
    sd: { "left %": 1, "right %": 2 },
  });
  const summary = paretoSummary(
    [row("single task", 95, 94), row("equal", 90, 90), row("static 0.1", 80, 95), row("mgda", 88, 89)],
    ["left", "right"],
  );
  assert.deepEqual(summary.frontFrom, ["equal", "static 0.1"]);
  // mgda: equal beats it by 2 and 1 → 1; single task is beyond the front: equal loses by 5 and 4 → −5
  assert.deepEqual(summary.gaps, { "single task": -5, mgda: 1 });
  assert.deepEqual(summary.points[3], { method: "mgda", x: 88, y: 89, spread: { x: 1, y: 2 } });
  assert.deepEqual(parseTableArgs(["multimnist", "--sweep", "none"], ["equal"]).sweep, []);
  assert.throws(() => parseTableArgs(["multimnist", "--sweep", "0,1"], ["equal"]), /strictly between 0 and 1/);
});

test("the summary is the mean ± sample sd over seeds (hand values)", () => {
  const run = (seed: number, left: number, deltaM: number) => ({
    method: "equal",
    seed,
    scores: { left: { accuracy: left } },
    deltaM,
    seconds: 1,
  });
  const [row] = summariseRuns([run(0, 0.9, -1), run(1, 0.8, 1)], ["left"]);
  assert.equal(row?.cells["left %"], "85.00 ± 7.07"); // sd of 90, 80 = √50
  assert.equal(row?.cells["Δm %"], "0.00 ± 1.41");
});

test("npm run table runs at smoke size, prints progress and its time, and writes JSON", () => {
  const out = join(mkdtempSync(join(tmpdir(), "mtlkit-table-")), "table.json");
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/table.ts",
      "multimnist",
      "--seeds",
      "2",
      "--epochs",
      "1",
      "--train",
      "200",
      "--test",
      "200",
      "--methods",
      "equal,mgda",
      "--sweep",
      "0.25",
      "--out",
      out,
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\[1\/8\] single-task models, seed 0/);
  assert.match(run.stdout, /\[7\/8\] mgda, seed 1: left \d+\.\d+, right \d+\.\d+, Δm -?\d+\.\d+ %/);
  assert.match(run.stdout, /\[8\/8\] static 0\.25, seed 1: left/);
  assert.match(run.stdout, /total time \d+\.\d s/);
  // the bar counts every epoch of every model: 2 seeds × (2 single-task + 3 shared models) × 1 epoch
  assert.match(run.stderr, /table multimnist: 1\/10 \(10%\) · single-task models, seed 0/);
  assert.match(run.stderr, /table multimnist: done in \d+\.\d s · 8 runs/);
  const written = JSON.parse(readFileSync(out, "utf8")) as {
    rows: { method: string }[];
    runs: unknown[];
    pareto: { frontFrom: string[]; gaps: Record<string, number> };
    figure: { data: { name: string }[] };
  };
  assert.deepEqual(
    written.rows.map((row) => row.method),
    ["single task", "equal", "mgda", "static 0.25"],
  );
  assert.equal(written.runs.length, 8);
  assert.deepEqual(written.pareto.frontFrom, ["equal", "static 0.25"]);
  assert.deepEqual(Object.keys(written.pareto.gaps), ["single task", "mgda"]);
  assert.equal(written.figure.data[0]?.name, "front of static weights");
  const page = readFileSync(out.replace(/\.json$/, ".html"), "utf8");
  assert.match(page, /<td>mgda<\/td>/);
  assert.match(page, /class="mtlkit-plotly"/);
});
