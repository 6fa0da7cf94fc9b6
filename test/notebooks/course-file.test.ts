// course.md and notebooks/ must agree, and setup must say what to do when it cannot proceed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CourseError, loadCourse, parseCourse } from "../../scripts/course-lib";
import { repoRoot } from "../../scripts/bootstrap";

const header = "| # | Lesson | Notebook | Goal | Budget | Status |\n| --- | --- | --- | --- | --- | --- |\n";

function courseRoot(rows: string, notebooks: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "mtlkit-course-md-"));
  writeFileSync(join(root, "course.md"), `# course\n\n${header}${rows}`);
  mkdirSync(join(root, "notebooks"));
  for (const name of notebooks) writeFileSync(join(root, "notebooks", name), "{}");
  return root;
}

test("a ready lesson whose notebook is absent fails with what to do", () => {
  const root = courseRoot("| 00 | Tour | [00](notebooks/00-tour.ipynb) | g | 60 s | ready |\n", []);
  assert.throws(() => loadCourse(root), (error: unknown) => {
    assert.ok(error instanceof CourseError);
    assert.match(error.message, /lesson 00 \(Tour\) as notebooks\/00-tour.ipynb, but that file does not exist; add the notebook or mark the lesson "planned"/);
    return true;
  });
});

test("a notebook not listed in course.md fails with what to do", () => {
  const root = courseRoot("| 00 | Tour | [00](notebooks/00-tour.ipynb) | g | 60 s | ready |\n", ["00-tour.ipynb", "07-extra.ipynb"]);
  assert.throws(() => loadCourse(root), /notebooks\/07-extra.ipynb is not listed in course.md; add a row/);
});

test("rows without a budget or with an unknown status are rejected", () => {
  assert.throws(() => parseCourse(header + "| 00 | Tour | [00](notebooks/00-tour.ipynb) | g | soon | ready |\n"), /no time budget/);
  assert.throws(() => parseCourse(header + "| 00 | Tour | — | g | 60 s | someday |\n"), /status must be "ready" or "planned", found "someday"/);
  const lessons = parseCourse(header + "| 01 | Why | — | g | 300 s | planned |\n");
  assert.deepEqual(lessons, [{ number: "01", title: "Why", notebook: undefined, budgetSeconds: 300, status: "planned" }]);
});

test("setup without any Python says how to install Jupyter", () => {
  const script = `require("./scripts/bootstrap").ensureCourseTools({ pythonCandidates: ["/nonexistent/python3"], allowApt: false });`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: repoRoot, encoding: "utf8" });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /no Python with Jupyter is available and none could be installed/);
  assert.match(result.stderr, /apt-get install .*jupyter-nbconvert/);
  assert.match(result.stderr, /set MTL_PYTHON/);
});
