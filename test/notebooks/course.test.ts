// Every lesson course.md marks ready executes headless within its budget; course.md and
// notebooks/ agree.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureCourseTools, repoRoot } from "../../scripts/bootstrap";
import { describeFailure, loadCourse, runNotebook } from "../../scripts/course-lib";

const lessons = loadCourse();
let outDir = "";
before(() => {
  ensureCourseTools();
  outDir = mkdtempSync(join(tmpdir(), "mtlkit-course-"));
});

test("course.md lists lessons 00 to 12 and at least one is ready", () => {
  assert.deepEqual(lessons.map((lesson) => lesson.number), Array.from({ length: 13 }, (_, i) => String(i).padStart(2, "0")));
  assert.ok(lessons.some((lesson) => lesson.status === "ready"));
});

for (const lesson of lessons.filter((entry) => entry.status === "ready")) {
  test(`lesson ${lesson.number} · ${lesson.title} runs within ${lesson.budgetSeconds} s`, () => {
    const result = runNotebook(join(repoRoot, lesson.notebook as string), { outDir, budgetSeconds: lesson.budgetSeconds });
    assert.equal(result.status, "passed", describeFailure(lesson, result));
    assert.ok(Object.keys(result.headlines).length > 0, `lesson ${lesson.number} reports no headline numbers (call mtl.headline)`);
  });
}
