// The course's second kernel: Deno's (`deno jupyter`). The same runner must report a failing cell's real
// error under it, mtlkit's notebook output (headlines, the live dashboard's in-place updates, Plotly
// figures) must reach it, and a few lessons must pass on it with the same numbers as on tslab.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureCourseTools, kernelArgument, repoRoot } from "../../scripts/bootstrap";
import { describeFailure, loadCourse, runNotebook } from "../../scripts/course-lib";
import { writeNotebook } from "./make-notebook";

let dir = "";
before(() => {
  ensureCourseTools({ kernel: "deno" });
  dir = mkdtempSync(join(tmpdir(), "mtlkit-deno-"));
});

function run(name: string, sources: string[], budgetSeconds = 60) {
  const path = writeNotebook(join(dir, `${name}.ipynb`), sources);
  return runNotebook(path, { outDir: join(dir, "out"), budgetSeconds, kernel: "deno" });
}

type Output = { output_type: string; data?: Record<string, string | string[]> };
function htmlOutputs(executedPath: string): string[] {
  const executed = JSON.parse(readFileSync(executedPath, "utf8")) as { cells: { outputs?: Output[] }[] };
  return executed.cells.flatMap((cell) =>
    (cell.outputs ?? []).map((output) => [output.data?.["text/html"] ?? ""].flat().join("")),
  );
}

test("asking for the Deno kernel when deno is not installed says how to install it", () => {
  const script =
    'require("./scripts/bootstrap").ensureCourseTools({ kernel: "deno", denoCandidates: ["/nonexistent/deno"] });';
  const result = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: repoRoot, encoding: "utf8" });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /the Deno kernel needs the `deno` binary and none was found/);
  assert.match(result.stderr, /npm install/);
  assert.match(result.stderr, /set MTL_DENO/);
});

test("an unknown kernel name lists the kernels the course runs on", () => {
  const script = 'require("./scripts/bootstrap").kernelArgument(["00", "--kernel", "python"]);';
  const result = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: repoRoot, encoding: "utf8" });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /unknown kernel "python"; the course runs on: tslab, deno/);
});

test("--kernel is read from the arguments and removed; the rest go on to the course or to Jupyter", () => {
  assert.deepEqual(kernelArgument(["--kernel", "deno", "--port", "8899"]), { kernel: "deno", rest: ["--port", "8899"] });
  assert.deepEqual(kernelArgument(["00", "--kernel=deno"]), { kernel: "deno", rest: ["00"] });
  assert.deepEqual(kernelArgument(["00", "05"]), { kernel: "tslab", rest: ["00", "05"] });
});

test("under Deno a runtime error fails at its cell with its name, message and the cell's line", () => {
  const result = run("runtime-error", ["console.log('fine')", "const a = 1;\nthrow new TypeError('planted 42')", "3"]);
  assert.equal(result.status, "failed");
  assert.equal(result.error?.cell, 2);
  assert.match(result.error?.message ?? "", /^TypeError: planted 42\n\s+at line 2 of the cell/);
  assert.equal(result.cells.length, 2, "execution stops at the failing cell");
});

test("under Deno an unawaited promise rejection fails the cell that made it", () => {
  const result = run("late-error", ["1", "Promise.reject(new Error('rejected later')); 2", "3"]);
  assert.equal(result.status, "failed");
  assert.equal(result.error?.cell, 2);
  assert.match(result.error?.message ?? "", /unhandled promise rejection: Error: rejected later/);
});

test("under Deno a passing notebook keeps its outputs", () => {
  const result = run("fine", ["const x = 40 + 2;", "console.log(`answer ${x}`)"]);
  assert.equal(result.status, "passed", result.error?.message);
  const executed = readFileSync(join(dir, "out", "fine.ipynb"), "utf8");
  assert.match(executed, /answer 42/);
});

test("under Deno the live dashboard updates one output in place and ends with the loss curves", () => {
  const fixture = join(repoRoot, "test", "notebooks", "fixtures", "dashboard.ipynb");
  const result = runNotebook(fixture, { outDir: join(dir, "dashboard"), budgetSeconds: 90, kernel: "deno" });
  assert.equal(result.status, "passed", result.error?.message);
  const updates = Object.values(result.displayUpdates);
  assert.ok(updates.some((count) => count > 1), `expected repeated updates of one display: ${JSON.stringify(updates)}`);
  const dashboard = htmlOutputs(join(dir, "dashboard", "dashboard.ipynb")).find((text) => text.includes("<svg"));
  assert.ok(dashboard, "the final dashboard output holds an SVG figure, sent as text/html");
  assert.match(dashboard, /epoch 12 done/);
  assert.equal(result.headlines["tensor growth"], 0);
});

const lessons = loadCourse();
const lesson = (number: string) => {
  const found = lessons.find((entry) => entry.number === number && entry.status === "ready");
  assert.ok(found, `lesson ${number} is not ready in course.md`);
  return found;
};

test("lesson 00 gives the same headline numbers under Deno as under tslab", () => {
  const tour = lesson("00");
  const path = join(repoRoot, tour.notebook as string);
  const budgetSeconds = tour.budgetSeconds;
  const onTslab = runNotebook(path, { outDir: join(dir, "tslab"), budgetSeconds });
  const onDeno = runNotebook(path, { outDir: join(dir, "deno"), budgetSeconds, kernel: "deno" });
  assert.equal(onTslab.status, "passed", describeFailure(tour, onTslab));
  assert.equal(onDeno.status, "passed", describeFailure(tour, onDeno));
  assert.ok(Object.keys(onDeno.headlines).length >= 3, JSON.stringify(onDeno.headlines));
  assert.deepEqual(onDeno.headlines, onTslab.headlines);
  assert.ok(Object.values(onDeno.displayUpdates).some((count) => count > 1), "the dashboard updated in place");
});

for (const number of ["04", "05"]) {
  test(`lesson ${number} passes under Deno within its budget, with its Plotly figures`, () => {
    const entry = lesson(number);
    const result = runNotebook(join(repoRoot, entry.notebook as string), {
      outDir: join(dir, "lessons"),
      budgetSeconds: entry.budgetSeconds,
      kernel: "deno",
    });
    assert.equal(result.status, "passed", describeFailure(entry, result));
    assert.ok(Object.keys(result.headlines).length > 0, "no headline numbers arrived");
    const name = (entry.notebook as string).replace(/^notebooks\//, "");
    const plotly = htmlOutputs(join(dir, "lessons", name)).filter((html) => html.includes("Plotly.newPlot"));
    assert.ok(plotly.length > 0, "no Plotly figure arrived as text/html");
  });
}
