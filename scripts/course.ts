// `npm run course`: installs what is missing, builds the library, executes every ready lesson of
// course.md in order (headless, each within its budget; the running cell and its time show on stderr)
// and writes site/: the executed notebooks, one page per lesson and an index. Then it opens every page
// in headless Chromium (console errors, undrawn Plotly figures, broken links) and saves screenshots to
// site/screenshots/. Prints a table; exits non-zero when a lesson or a page fails.
// `npm run course -- 00 05` runs only those lessons (the site then lists the others as not built);
// `npm run course -- --kernel deno` runs them on Deno's kernel instead of tslab (same runner, budgets, checks).
import { join } from "node:path";
import { buildLibrary, ensureCourseTools, kernelArgument, repoRoot } from "./bootstrap";
import { CourseError, describeFailure, loadCourse, runNotebook, type Lesson, type LessonResult } from "./course-lib";
import { buildSite, checkSite, describeSiteProblems, siteLessons } from "./site-lib";

const siteDir = join(repoRoot, "site");

function formatHeadlines(headlines: Record<string, number | string>): string {
  return Object.entries(headlines)
    .map(
      ([name, value]) =>
        `${name} ${typeof value === "number" && !Number.isInteger(value) ? value.toPrecision(4) : value}`,
    )
    .join(", ");
}

function printTable(rows: { lesson: Lesson; result: LessonResult }[], kernel: string): void {
  const total = rows.reduce((sum, { result }) => sum + result.seconds, 0);
  const lines = rows.map(({ lesson, result }) => [
    lesson.number,
    lesson.title,
    result.status,
    result.seconds.toFixed(1),
    `${((100 * result.seconds) / (total || 1)).toFixed(0)} %`,
    formatHeadlines(result.headlines),
  ]);
  const header = ["lesson", "title", "status", "seconds", "share", "headline numbers"];
  const widths = header.map((name, column) =>
    Math.max(name.length, ...lines.map((line) => (line[column] ?? "").length)),
  );
  const format = (line: string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  console.log(`\n${format(header)}\n${widths.map((width) => "-".repeat(width)).join("  ")}`);
  for (const line of lines) console.log(format(line));
  // The course is what users run first (issue 19 sets 25 minutes for lessons 00–12 on 2 cores).
  console.log(`total: ${total.toFixed(0)} s (${(total / 60).toFixed(1)} min) for ${rows.length} lessons on ${kernel}`);
}

async function main(): Promise<number> {
  const { kernel, rest: args } = kernelArgument(process.argv.slice(2));
  const { python } = ensureCourseTools({ kernel });
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
  const only = args.filter((arg) => /^\d+$/.test(arg));
  const ready = lessons.filter(
    (lesson) => lesson.status === "ready" && (only.length === 0 || only.includes(lesson.number)),
  );
  const rows: { lesson: Lesson; result: LessonResult }[] = [];
  const executedDir = join(siteDir, "notebooks");
  for (const [position, lesson] of ready.entries()) {
    console.log(
      `[${position + 1}/${ready.length}] lesson ${lesson.number} ${lesson.title} (budget ${lesson.budgetSeconds} s, kernel ${kernel})`,
    );
    const result = runNotebook(join(repoRoot, lesson.notebook as string), {
      outDir: executedDir,
      budgetSeconds: lesson.budgetSeconds,
      python,
      label: `lesson ${lesson.number}`,
      kernel,
    });
    console.log(`      ${result.status} in ${result.seconds.toFixed(1)} s`);
    rows.push({ lesson, result });
  }
  const results = new Map(rows.map(({ lesson, result }) => [lesson.number, result]));
  printTable(rows, kernel);
  let index: string;
  try {
    index = buildSite({
      coursePath: join(repoRoot, "course.md"),
      lessons: siteLessons(lessons, results, executedDir),
      siteDir,
      python,
    });
  } catch (error) {
    console.error(`\n${(error as Error).message}`);
    return 1;
  }
  console.log(
    `\nsite written to ${index} (${rows.length} lessons run; ${lessons.length - rows.length} not run or planned)`,
  );
  console.log("opening every page in headless Chromium…");
  const reports = await checkSite(siteDir);
  const problems = describeSiteProblems(reports);
  console.log(`${reports.length} pages checked; screenshots in ${join(siteDir, "screenshots")}`);
  if (problems) console.error(`\npages with problems:\n${problems}`);
  const failures = rows.filter(({ result }) => result.status !== "passed");
  for (const { lesson, result } of failures) console.error(`\n${describeFailure(lesson, result)}`);
  return failures.length || problems ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
