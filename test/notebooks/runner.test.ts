// The headless runner must fail loudly and precisely: the cell number and the real message, for
// type errors, exceptions, unawaited promise rejections and blown time budgets.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureCourseTools, repoRoot } from "../../scripts/bootstrap";
import { describeFailure, runNotebook } from "../../scripts/course-lib";
import { writeNotebook } from "./make-notebook";

let dir = "";
before(() => {
  ensureCourseTools();
  dir = mkdtempSync(join(tmpdir(), "mtlkit-runner-"));
});

function run(name: string, sources: string[], budgetSeconds = 60) {
  const path = writeNotebook(join(dir, `${name}.ipynb`), sources);
  return runNotebook(path, { outDir: join(dir, "out"), budgetSeconds });
}

test("a type error fails the notebook at its cell with TypeScript's message", () => {
  const result = run("type-error", ["const a = 1;", "const b: number = \"text\";", "const c = 3;"]);
  assert.equal(result.status, "failed");
  assert.equal(result.error?.cell, 2);
  assert.match(result.error?.message ?? "", /Type 'string' is not assignable to type 'number'/);
  assert.equal(result.cells.length, 2, "execution stops at the failing cell");
  const report = describeFailure({ number: "99", title: "planted", notebook: "notebooks/99-planted.ipynb" }, result);
  assert.match(report, /lesson 99 .* failed at code cell 2:\n.*not assignable/);
});

test("a runtime error fails at its cell with the exception's message and no kernel internals", () => {
  const result = run("runtime-error", ["console.log('fine')", "throw new Error('planted failure 42')"]);
  assert.equal(result.status, "failed");
  assert.equal(result.error?.cell, 2);
  assert.match(result.error?.message ?? "", /Error: planted failure 42/);
  assert.doesNotMatch(result.error?.message ?? "", /tslab[\\/]dist|node:vm/);
});

test("an unawaited promise rejection is caught after its cell finished", () => {
  const result = run("late-error", ["1", "Promise.reject(new Error('rejected later')); 2", "3"]);
  assert.equal(result.status, "failed");
  assert.equal(result.error?.cell, 2);
  assert.match(result.error?.message ?? "", /rejected later/);
});

test("a notebook over its time budget is stopped and the cell named", () => {
  const result = run("slow", ["1", "await new Promise((resolve) => setTimeout(resolve, 20000));"], 6);
  assert.equal(result.status, "timeout");
  assert.equal(result.error?.cell, 2);
  assert.match(result.error?.message ?? "", /time budget of 6 s/);
});

test("a kernel that dies is reported at its cell at once, not after the whole budget", () => {
  const started = Date.now();
  const result = run("kernel-dies", ["1", "setTimeout(() => process.exit(3), 100); 2", "3"], 120);
  assert.equal(result.status, "failed");
  assert.ok([2, 3].includes(result.error?.cell ?? 0), `cell ${result.error?.cell}`);
  assert.match(result.error?.message ?? "", /kernel died while running code cell/);
  assert.ok(Date.now() - started < 60_000, "waited for the budget");
});

test("a passing notebook keeps its outputs and reports success", () => {
  const result = run("fine", ["const x = 40 + 2;", "console.log(`answer ${x}`)"]);
  assert.equal(result.status, "passed");
  assert.equal(result.error, null);
  const executed = JSON.parse(readFileSync(join(dir, "out", "fine.ipynb"), "utf8"));
  assert.match(JSON.stringify(executed.cells[1].outputs), /answer 42/);
});

test("the live dashboard updates one output in place and ends with the loss curves", () => {
  const fixture = join(repoRoot, "test", "notebooks", "fixtures", "dashboard.ipynb");
  const result = runNotebook(fixture, { outDir: join(dir, "out"), budgetSeconds: 90 });
  assert.equal(result.status, "passed", result.error?.message);
  const updates = Object.values(result.displayUpdates);
  assert.ok(updates.some((count) => count > 1), `expected repeated updates of one display, got ${JSON.stringify(result.displayUpdates)}`);
  const executed = JSON.parse(readFileSync(join(dir, "out", "dashboard.ipynb"), "utf8"));
  const html: string[] = executed.cells.flatMap((cell: { outputs?: { data?: Record<string, string | string[]> }[] }) =>
    (cell.outputs ?? []).map((output) => [output.data?.["text/html"] ?? ""].flat().join("")));
  const dashboard = html.find((text) => text.includes("<svg"));
  assert.ok(dashboard, "the final dashboard output holds an SVG figure");
  assert.match(dashboard, /epoch 12 done/);
  assert.equal(result.headlines["tensor growth"], 0);
});
