// `npm run course`: installs what is missing, builds the library, executes every ready lesson of
// course.md in order (headless, each within its budget) and writes site/: the executed notebooks,
// one HTML page per lesson and an index. Prints a table; exits non-zero when a lesson fails.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildLibrary, ensureCourseTools, repoRoot } from "./bootstrap";
import { CourseError, describeFailure, loadCourse, runNotebook, type Lesson, type LessonResult } from "./course-lib";

const siteDir = join(repoRoot, "site");

function formatHeadlines(headlines: Record<string, number | string>): string {
  return Object.entries(headlines)
    .map(([name, value]) => `${name} ${typeof value === "number" && !Number.isInteger(value) ? value.toPrecision(4) : value}`)
    .join(", ");
}

function printTable(rows: { lesson: Lesson; result: LessonResult }[]): void {
  const lines = rows.map(({ lesson, result }) => [lesson.number, lesson.title, result.status, result.seconds.toFixed(1), formatHeadlines(result.headlines)]);
  const header = ["lesson", "title", "status", "seconds", "headline numbers"];
  const widths = header.map((name, column) => Math.max(name.length, ...lines.map((line) => (line[column] ?? "").length)));
  const format = (line: string[]) => line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  console.log(`\n${format(header)}\n${widths.map((width) => "-".repeat(width)).join("  ")}`);
  for (const line of lines) console.log(format(line));
}

function main(): number {
  const { python } = ensureCourseTools();
  buildLibrary();
  let lessons: Lesson[];
  try {
    lessons = loadCourse();
  } catch (error) {
    if (error instanceof CourseError) {
      console.error(`course.md: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const ready = lessons.filter((lesson) => lesson.status === "ready");
  const rows: { lesson: Lesson; result: LessonResult }[] = [];
  for (const lesson of ready) {
    process.stdout.write(`running lesson ${lesson.number} ${lesson.title} (budget ${lesson.budgetSeconds} s)… `);
    const result = runNotebook(join(repoRoot, lesson.notebook as string), { outDir: join(siteDir, "notebooks"), budgetSeconds: lesson.budgetSeconds, python });
    console.log(`${result.status} in ${result.seconds.toFixed(1)} s`);
    rows.push({ lesson, result });
  }
  const summary = rows.map(({ lesson, result }) => ({
    number: lesson.number,
    title: lesson.title,
    notebook: lesson.notebook,
    executed: join(siteDir, "notebooks", (lesson.notebook as string).replace(/^notebooks\//, "")),
    status: result.status,
    seconds: result.seconds,
    headlines: result.headlines,
  }));
  writeFileSync(join(siteDir, "results.json"), JSON.stringify(summary, null, 1));
  const site = spawnSync(python, [join(repoRoot, "scripts", "build_site.py"), join(repoRoot, "course.md"), join(siteDir, "results.json"), siteDir], { encoding: "utf8" });
  printTable(rows);
  if (site.status !== 0) {
    console.error(`\nbuilding the site failed:\n${site.stderr}`);
    return 1;
  }
  console.log(`\nsite written to ${site.stdout.trim()} (${rows.length} lessons; ${lessons.length - ready.length} planned)`);
  const failures = rows.filter(({ result }) => result.status !== "passed");
  for (const { lesson, result } of failures) console.error(`\n${describeFailure(lesson, result)}`);
  return failures.length ? 1 : 0;
}

process.exit(main());
