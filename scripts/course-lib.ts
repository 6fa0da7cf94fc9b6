// The course as data: lessons parsed from course.md, checked against notebooks/, and executed
// headless by scripts/run_notebook.py. Used by `npm run course` and by test/notebooks.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { repoRoot } from "./bootstrap";

export interface Lesson {
  number: string;
  title: string;
  /** Path relative to the repository, e.g. notebooks/00-tour.ipynb; undefined while planned. */
  notebook?: string;
  /** Time budget for executing the notebook headless, in seconds. */
  budgetSeconds: number;
  status: "ready" | "planned";
}

export interface LessonResult {
  notebook: string;
  status: "passed" | "failed" | "timeout";
  cells: { cell: number; seconds: number }[];
  error: { cell: number; message: string } | null;
  headlines: Record<string, number | string>;
  displayUpdates: Record<string, number>;
  seconds: number;
}

export class CourseError extends Error {}

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((cell) => cell.trim());
}

/**
 * Reads the lesson table of course.md: rows `| NN | title | [file](notebooks/…) | … | budget s | status |`.
 * The columns are found by their header names: "#", "Lesson", "Notebook", "Budget", "Status".
 */
export function parseCourse(markdown: string): Lesson[] {
  const lines = markdown.split("\n");
  const headerIndex = lines.findIndex((line) => /^\|\s*#\s*\|/.test(line));
  if (headerIndex < 0)
    throw new CourseError("course.md has no lesson table (a table whose first column is headed '#')");
  const header = cells(lines[headerIndex] as string).map((name) => name.toLowerCase());
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0)
      throw new CourseError(`course.md's lesson table has no "${name}" column; it has ${header.join(", ")}`);
    return index;
  };
  const [numberAt, titleAt, notebookAt, budgetAt, statusAt] = ["#", "lesson", "notebook", "budget", "status"].map(
    column,
  ) as number[];
  const lessons: Lesson[] = [];
  for (const line of lines.slice(headerIndex + 2)) {
    if (!line.startsWith("|")) break;
    const row = cells(line);
    const number = row[numberAt as number] ?? "";
    const link = /\((notebooks\/[^)]+\.ipynb)\)/.exec(row[notebookAt as number] ?? "");
    const budget = /(\d+)\s*s/.exec(row[budgetAt as number] ?? "");
    const status = (row[statusAt as number] ?? "").toLowerCase();
    if (status !== "ready" && status !== "planned") {
      throw new CourseError(`course.md lesson ${number}: status must be "ready" or "planned", found "${status}"`);
    }
    if (status === "ready" && !link)
      throw new CourseError(
        `course.md lesson ${number} is ready but names no notebook (expected a link to notebooks/NN-name.ipynb)`,
      );
    if (status === "ready" && !budget)
      throw new CourseError(`course.md lesson ${number} is ready but has no time budget (expected e.g. "120 s")`);
    lessons.push({
      number,
      title: (row[titleAt as number] ?? "").replace(/\*\*/g, ""),
      notebook: link?.[1],
      budgetSeconds: budget ? Number(budget[1]) : 0,
      status,
    });
  }
  return lessons;
}

/** Loads course.md and checks it against notebooks/: every ready lesson's notebook exists, every notebook is listed. */
export function loadCourse(root = repoRoot): Lesson[] {
  const coursePath = join(root, "course.md");
  if (!existsSync(coursePath)) throw new CourseError(`no course.md in ${root}`);
  const lessons = parseCourse(readFileSync(coursePath, "utf8"));
  for (const lesson of lessons) {
    if (lesson.notebook && !existsSync(join(root, lesson.notebook))) {
      throw new CourseError(
        `course.md lists lesson ${lesson.number} (${lesson.title}) as ${lesson.notebook}, but that file does not exist; add the notebook or mark the lesson "planned" without a link`,
      );
    }
  }
  const listed = new Set(lessons.map((lesson) => lesson.notebook).filter(Boolean));
  const notebookDir = join(root, "notebooks");
  const present = existsSync(notebookDir) ? readdirSync(notebookDir).filter((name) => name.endsWith(".ipynb")) : [];
  for (const name of present) {
    if (!listed.has(`notebooks/${name}`)) {
      throw new CourseError(
        `notebooks/${name} is not listed in course.md; add a row for it to the lesson table (with its budget and status) or remove it`,
      );
    }
  }
  return lessons;
}

/** How to run a notebook: where its executed copy goes, its budget, and the kernel (default: the notebook's, tslab). */
export interface RunOptions {
  outDir: string;
  budgetSeconds: number;
  python?: string;
  label?: string;
  kernel?: string;
}

/**
 * Executes one notebook headless; the executed copy and a JSON result go to `outDir`. While it runs, the
 * runner reports the cell and its time on this process's stderr (`label` names the notebook there).
 */
export function runNotebook(notebookPath: string, options: RunOptions): LessonResult {
  const first = runNotebookOnce(notebookPath, options);
  if (first.status !== "failed" || !/the kernel died/.test(first.error?.message ?? "")) return first;
  // tslab 1.0.22 can crash between cells with zeromq's EBUSY ("Socket is busy writing") — a kernel bug, not the
  // lesson's. Said loudly, then run once more from the top with a fresh kernel and the full budget.
  process.stderr.write(`${options.label ?? basename(notebookPath)}: ${first.error?.message}; running it once more\n`);
  return runNotebookOnce(notebookPath, options);
}

function runNotebookOnce(notebookPath: string, options: RunOptions): LessonResult {
  mkdirSync(options.outDir, { recursive: true });
  const name = basename(notebookPath, ".ipynb");
  const executed = join(options.outDir, `${name}.ipynb`);
  const resultPath = join(options.outDir, `${name}.result.json`);
  const python = options.python ?? process.env.MTL_PYTHON ?? "/usr/bin/python3";
  const run = spawnSync(
    python,
    [
      join(repoRoot, "scripts", "run_notebook.py"),
      notebookPath,
      "--out",
      executed,
      "--result",
      resultPath,
      "--timeout",
      String(options.budgetSeconds),
      "--label",
      options.label ?? name,
      ...(options.kernel ? ["--kernel", options.kernel] : []),
    ],
    // stderr is inherited so that the runner's progress shows while the notebook runs.
    { encoding: "utf8", cwd: repoRoot, env: process.env, stdio: ["ignore", "pipe", "inherit"] },
  );
  if (run.status !== 0 || !existsSync(resultPath)) {
    throw new CourseError(
      `the notebook runner failed on ${notebookPath} (its messages are on stderr above):\n${run.stdout}`,
    );
  }
  return JSON.parse(readFileSync(resultPath, "utf8")) as LessonResult;
}

/** One line saying why a lesson failed: the lesson, the cell number and the real error text. */
export function describeFailure(lesson: Pick<Lesson, "number" | "title" | "notebook">, result: LessonResult): string {
  const where = result.error ? `code cell ${result.error.cell}` : "unknown cell";
  const what = result.status === "timeout" ? "ran out of time" : "failed";
  return `lesson ${lesson.number} (${lesson.notebook}) ${what} at ${where}:\n${result.error?.message ?? ""}`;
}
