import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseTableArgs, summariseRuns } from "../../scripts/table-lib";

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
      "--out",
      out,
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\[1\/6\] single-task models, seed 0/);
  assert.match(run.stdout, /\[6\/6\] mgda, seed 1: left \d+\.\d+, right \d+\.\d+, Δm -?\d+\.\d+ %/);
  assert.match(run.stdout, /total time \d+\.\d s/);
  const written = JSON.parse(readFileSync(out, "utf8")) as { rows: { method: string }[]; runs: unknown[] };
  assert.deepEqual(
    written.rows.map((row) => row.method),
    ["single task", "equal", "mgda"],
  );
  assert.equal(written.runs.length, 6);
});
