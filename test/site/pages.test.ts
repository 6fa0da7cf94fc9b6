// The course site in a real browser: a small site built from the fixture course (one lesson with every
// Plotly figure, one static, one planned) opens from disk in headless Chromium without console errors,
// draws every Plotly figure, and has no broken links; a deliberately broken site shows that each check
// can fail. Screenshots go to site/test/screenshots/.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ensureChromium, ensureCourseTools, repoRoot } from "../../scripts/bootstrap";
import { describeFailure, loadCourse, runNotebook } from "../../scripts/course-lib";
import { buildSite, checkSite, describeSiteProblems, launchChromium, siteLessons } from "../../scripts/site-lib";
import { plotlyHtml } from "../../src";

const fixtureRoot = join(__dirname, "fixtures");
const siteDir = join(repoRoot, "site", "test");
let python = "";

before(() => {
  python = ensureCourseTools().python;
  ensureChromium();
  rmSync(siteDir, { recursive: true, force: true });
});

test("the fixture course builds a site whose pages all render in Chromium", async () => {
  const lessons = loadCourse(fixtureRoot);
  const executedDir = join(siteDir, "notebooks");
  const results = new Map(lessons.filter((lesson) => lesson.status === "ready").map((lesson) => {
    const result = runNotebook(join(fixtureRoot, lesson.notebook as string), { outDir: executedDir, budgetSeconds: lesson.budgetSeconds, label: `fixture ${lesson.number}` });
    assert.equal(result.status, "passed", describeFailure(lesson, result));
    return [lesson.number, result] as const;
  }));
  const noTables = mkdtempSync(join(tmpdir(), "mtlkit-no-tables-"));
  buildSite({ coursePath: join(fixtureRoot, "course.md"), lessons: siteLessons(lessons, results, executedDir), siteDir, python, tablesDir: noTables });

  const interactive = readFileSync(join(siteDir, "00-interactive.html"), "utf8");
  assert.ok(interactive.length < 200_000, `the page carries no inline plotly.js (it is ${interactive.length} bytes)`);
  assert.match(interactive, /<script src="plotly\.min\.js"><\/script>/);
  assert.match(interactive, /5 interactive figures/);
  assert.doesNotMatch(readFileSync(join(siteDir, "01-static.html"), "utf8"), /plotly\.min\.js/);
  const index = readFileSync(join(siteDir, "index.html"), "utf8");
  assert.match(index, /<li class="planned"><span class="number">02<\/span><span>Later<\/span><span class="tag">planned<\/span><\/li>/);

  const reports = await checkSite(siteDir);
  assert.equal(describeSiteProblems(reports), "");
  assert.deepEqual(reports.map((report) => [report.page, report.plotlyRendered]), [["index.html", 0], ["00-interactive.html", 5], ["01-static.html", 0]]);
  for (const report of reports) assert.ok(report.screenshots.length >= 1);
});

test("research tables written by npm run table are copied into the site and listed on its index", () => {
  const tablesDir = mkdtempSync(join(tmpdir(), "mtlkit-tables-"));
  const tableSite = mkdtempSync(join(tmpdir(), "mtlkit-table-site-"));
  writeFileSync(join(tablesDir, "table-multimnist.html"), "<!doctype html><title>table</title><p>Δm</p>");
  writeFileSync(join(tablesDir, "table-multimnist.json"), "{}");
  const lessons = loadCourse(fixtureRoot);
  buildSite({ coursePath: join(fixtureRoot, "course.md"), lessons: siteLessons(lessons, new Map(), join(tableSite, "notebooks")), siteDir: tableSite, python, tablesDir });
  const index = readFileSync(join(tableSite, "index.html"), "utf8");
  assert.match(index, /<h2>Research tables<\/h2>/);
  assert.match(index, /<a href="tables\/table-multimnist\.html">multimnist<\/a>/);
  assert.match(readFileSync(join(tableSite, "tables", "table-multimnist.html"), "utf8"), /Δm/);
  rmSync(tablesDir, { recursive: true, force: true });
  rmSync(tableSite, { recursive: true, force: true });
});

test("the browser check fails on a console error, an undrawn Plotly figure and a broken link", async () => {
  const broken = mkdtempSync(join(tmpdir(), "mtlkit-broken-site-"));
  const figure = plotlyHtml({ data: [{ type: "scatter", x: [1], y: [1] }], layout: { title: { text: "orphan" } } }, { waitSeconds: 0.5 });
  const page = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;
  writeFileSync(join(broken, "index.html"), page('<a rel="next" href="a.html">a</a><a href="#nowhere">x</a>'));
  writeFileSync(join(broken, "a.html"), page(`<a rel="prev" href="index.html">i</a><a rel="next" href="index.html">i</a>${figure}<script>console.error("boom")</script>`));
  writeFileSync(join(broken, "pages.json"), JSON.stringify([{ page: "a.html", interactive: ["orphan"] }, { page: "b.html", interactive: [] }]));
  const reports = await checkSite(broken, { waitMs: 3000 });
  rmSync(broken, { recursive: true, force: true });
  const problems = describeSiteProblems(reports);
  assert.match(problems, /index\.html:\n {2}link to missing anchor #nowhere/);
  assert.match(problems, /console error: boom/);
  assert.match(problems, /Plotly figure "orphan" did not render \(plotly\.js is not on the page\)/);
  assert.match(problems, /no next link to b\.html/);
  assert.match(problems, /b\.html:\n {2}failed to load file:/);
});

test("hovering names a Pareto point's method and seed, and gives a heatmap cell's and a token's weight", async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(siteDir, "00-interactive.html")).href, { waitUntil: "load", timeout: 300_000 });
    // Plotly.Fx.hover is what a mouse over a point triggers; heatmap cells are addressed by xval/yval.
    const hover = (title: string, target: Record<string, number>) =>
      page.evaluate(async (title, target) => {
        const plotly = (window as unknown as { Plotly: { Fx: { hover(el: Element, points: object[]): void } } }).Plotly;
        const figure = document.querySelector(`.mtlkit-plotly[data-title="${title}"]`) as Element;
        for (let tries = 0; tries < 600 && !figure.querySelector(".plot-container svg"); tries++) await new Promise((done) => setTimeout(done, 200));
        plotly.Fx.hover(figure, ("xval" in target ? target : [target]) as object[]);
        return figure.querySelector(".hoverlayer .hovertext")?.textContent ?? "";
      }, title, target);
    assert.equal(await hover("Pareto front", { curveNumber: 1, pointNumber: 1 }), "MGDAseed 1left error 0.3000right error 0.2000");
    assert.equal(await hover("gate weights", { xval: 2, yval: 1 }), "task2 · e3gate weight 0.6000");
    assert.equal(await hover("attention per task", { xval: 2, yval: 0 }), '"taxes" (token 2)party: attention 0.5000');
  } finally {
    await browser.close();
  }
});
