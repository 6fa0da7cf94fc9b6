// The course site: built by scripts/build_site.py from executed notebooks, then opened page by page in
// headless Chromium (puppeteer-core over the DevTools protocol: it drives the system's browser and
// downloads none, and it waits for selectors, collects console errors and takes screenshots, which
// `chromium --dump-dom/--screenshot` cannot do together). Used by `npm run course` and test/site.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import type { Browser, Page } from "puppeteer-core";
import { ensureChromium, repoRoot } from "./bootstrap";
import type { Lesson, LessonResult } from "./course-lib";

/** One row of results.json: a lesson of course.md and, when it ran, how it went. */
export interface SiteLesson {
  number: string;
  title: string;
  notebook?: string;
  executed?: string;
  /** "planned" in course.md, "not run" when ready but left out of this build (e.g. `npm run course -- 00`). */
  status: LessonResult["status"] | "planned" | "not run";
  seconds: number;
  headlines: Record<string, number | string>;
}

/** Rows for build_site.py: every lesson in course order, with the results of those that ran. */
export function siteLessons(
  lessons: readonly Lesson[],
  results: ReadonlyMap<string, LessonResult>,
  executedDir: string,
): SiteLesson[] {
  return lessons.map((lesson) => {
    const result = results.get(lesson.number);
    if (!result || !lesson.notebook) {
      const status = lesson.status === "planned" ? "planned" : "not run";
      return {
        number: lesson.number,
        title: lesson.title,
        notebook: lesson.notebook,
        status,
        seconds: 0,
        headlines: {},
      };
    }
    return {
      number: lesson.number,
      title: lesson.title,
      notebook: lesson.notebook,
      executed: join(executedDir, lesson.notebook.replace(/^.*\//, "")),
      status: result.status,
      seconds: result.seconds,
      headlines: result.headlines,
    };
  });
}

/** Writes results.json and the pages; returns the index page's path. */
export function buildSite(options: {
  coursePath: string;
  lessons: readonly SiteLesson[];
  siteDir: string;
  python: string;
  /** Where `npm run table` wrote its pages (table-*.html); the index links those it finds. */
  tablesDir?: string;
}): string {
  mkdirSync(options.siteDir, { recursive: true });
  const resultsPath = join(options.siteDir, "results.json");
  writeFileSync(resultsPath, JSON.stringify(options.lessons, null, 1));
  const plotly = require.resolve("plotly.js-dist-min/plotly.min.js");
  const run = spawnSync(
    options.python,
    [
      join(repoRoot, "scripts", "build_site.py"),
      options.coursePath,
      resultsPath,
      options.siteDir,
      "--plotly",
      plotly,
      // `npm run table` writes its pages here (gitignored); the index links them when they exist.
      "--tables",
      options.tablesDir ?? join(repoRoot, "bench", "results"),
    ],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`building the site failed:\n${run.stdout}${run.stderr}`);
  return run.stdout.trim();
}

/** What the browser found on one page. */
export interface PageReport {
  page: string;
  problems: string[];
  /** Plotly figures that drew (a `.plot-container` with an svg inside). */
  plotlyRendered: number;
  plotlyExpected: number;
  screenshots: string[];
}

/** Starts the system's Chromium headless (as root it needs --no-sandbox; WebGL for 3-D runs on SwiftShader). */
export async function launchChromium(): Promise<Browser> {
  const { default: puppeteer } = await import("puppeteer-core");
  return puppeteer.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-dev-shm-usage",
      "--enable-unsafe-swiftshader",
      "--use-angle=swiftshader",
      "--allow-file-access-from-files",
    ],
    defaultViewport: { width: 1280, height: 900 },
  });
}

/** Collects console errors, uncaught exceptions and failed requests of a page from now on. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
  page.on("requestfailed", (request) =>
    errors.push(`failed to load ${request.url()}: ${request.failure()?.errorText ?? ""}`),
  );
  return errors;
}

interface PageFacts {
  links: { href: string; rel: string }[];
  ids: string[];
  plotly: { rendered: boolean; missing: boolean; title: string }[];
}

async function pageFacts(page: Page, waitMs: number): Promise<PageFacts> {
  // A figure is done when Plotly has built its container and svg, or has given up and said why.
  await page
    .waitForFunction(
      () =>
        Array.from(document.querySelectorAll(".mtlkit-plotly")).every(
          (el) => el.querySelector(".plot-container svg") || el.querySelector(".mtlkit-plotly-missing"),
        ),
      { timeout: waitMs, polling: 100 },
    )
    .catch(() => undefined);
  return page.evaluate(() => ({
    links: Array.from(document.querySelectorAll("a[href]")).map((a) => ({
      href: a.getAttribute("href") ?? "",
      rel: a.getAttribute("rel") ?? "",
    })),
    ids: Array.from(document.querySelectorAll("[id]")).map((el) => el.id),
    plotly: Array.from(document.querySelectorAll(".mtlkit-plotly")).map((el) => ({
      rendered: Boolean(el.querySelector(".plot-container svg.main-svg")),
      missing: Boolean(el.querySelector(".mtlkit-plotly-missing")),
      title: el.getAttribute("data-title") ?? "",
    })),
  }));
}

function linkProblems(pagePath: string, facts: PageFacts): string[] {
  const problems: string[] = [];
  for (const { href } of facts.links) {
    if (/^(https?:|mailto:)/.test(href)) continue; // the site must not need the network; external links are not followed
    const [path, fragment] = href.split("#") as [string, string | undefined];
    if (path === "") {
      // nbconvert writes heading ids percent-encoded; a browser matches either form.
      if (fragment && !facts.ids.includes(fragment) && !facts.ids.includes(decodeURIComponent(fragment)))
        problems.push(`link to missing anchor #${fragment}`);
      continue;
    }
    const target = path.startsWith("file:")
      ? fileURLToPath(path)
      : resolve(dirname(pagePath), decodeURIComponent(path));
    if (!existsSync(target)) problems.push(`missing link target ${href}`);
  }
  return problems;
}

/** The pages build_site.py wrote, in course order: lesson pages with their neighbours, then the index. */
function sitePages(siteDir: string): { page: string; previous?: string; next?: string; interactive: number }[] {
  const listed = JSON.parse(readFileSync(join(siteDir, "pages.json"), "utf8")) as {
    page: string;
    interactive: string[];
  }[];
  const lessons = listed.map((entry, index) => ({
    page: entry.page,
    previous: listed[index - 1]?.page ?? "index.html",
    next: listed[index + 1]?.page ?? "index.html",
    interactive: entry.interactive.length,
  }));
  return [{ page: "index.html", next: listed[0]?.page, interactive: 0 }, ...lessons];
}

/**
 * Opens every page of a built site from disk in headless Chromium and reports per page: console errors,
 * Plotly figures that did not draw, links to files or anchors that do not exist, and lesson pages
 * without previous/next links to their neighbours. Saves a screenshot of each page (and of its first
 * interactive figure) under `screenshotDir`.
 */
export async function checkSite(
  siteDir: string,
  options: { screenshotDir?: string; waitMs?: number } = {},
): Promise<PageReport[]> {
  const screenshotDir = options.screenshotDir ?? join(siteDir, "screenshots");
  mkdirSync(screenshotDir, { recursive: true });
  const browser = await launchChromium();
  const reports: PageReport[] = [];
  try {
    for (const expected of sitePages(siteDir)) {
      const path = join(siteDir, expected.page);
      const page = await browser.newPage();
      const errors = watchErrors(page);
      // 3-D figures draw on SwiftShader (software WebGL): on a loaded 2-core machine a page can take minutes.
      const loaded = await page.goto(pathToFileURL(path).href, { waitUntil: "load", timeout: 300_000 }).then(
        () => true,
        (error: Error) => (errors.push(`failed to load ${pathToFileURL(path).href}: ${error.message}`), false),
      );
      if (!loaded) {
        reports.push({
          page: expected.page,
          problems: errors,
          plotlyRendered: 0,
          plotlyExpected: expected.interactive,
          screenshots: [],
        });
        await page.close();
        continue;
      }
      const facts = await pageFacts(page, options.waitMs ?? 120_000);
      const problems = [...errors, ...linkProblems(path, facts)];
      for (const figure of facts.plotly.filter((entry) => !entry.rendered)) {
        problems.push(
          `Plotly figure "${figure.title}" did not render${figure.missing ? " (plotly.js is not on the page)" : ""}`,
        );
      }
      if (facts.plotly.length !== expected.interactive)
        problems.push(`expected ${expected.interactive} interactive figures, found ${facts.plotly.length}`);
      for (const rel of ["prev", "next"] as const) {
        const target = rel === "prev" ? expected.previous : expected.next;
        if (target && !facts.links.some((link) => link.rel === rel && link.href === target))
          problems.push(`no ${rel} link to ${target}`);
      }
      const name = expected.page.replace(/\.html$/, "");
      const shots = [join(screenshotDir, `${name}.png`)];
      await page.screenshot({ path: shots[0] as `${string}.png` });
      const figure = await page.$(".mtlkit-plotly");
      if (figure) {
        await figure.scrollIntoView();
        const shot = join(screenshotDir, `${name}-figure.png`);
        await figure.screenshot({ path: shot as `${string}.png` });
        shots.push(shot);
      }
      reports.push({
        page: expected.page,
        problems,
        plotlyRendered: facts.plotly.filter((entry) => entry.rendered).length,
        plotlyExpected: expected.interactive,
        screenshots: shots,
      });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return reports;
}

/** One line per page with problems; empty when the site is sound. */
export function describeSiteProblems(reports: readonly PageReport[]): string {
  return reports
    .filter((report) => report.problems.length)
    .map((report) => `${report.page}:\n  ${report.problems.join("\n  ")}`)
    .join("\n");
}
