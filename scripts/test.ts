// `npm test`: installs what is missing (Jupyter, the tslab kernel), builds the library, then runs
// every test file under test/ with node's test runner — unit tests and the notebook tests alike.
// Notebook runs report the running cell on stderr as they go. `npm test -- --unit` skips the notebooks
// and the browser tests (test/site); `npm test -- test/weighting` runs the files under a path.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ensureChromium, ensureCourseTools, buildLibrary, repoRoot } from "./bootstrap";

const args = process.argv.slice(2);
const unitOnly = args.includes("--unit");
const paths = args.filter((arg) => !arg.startsWith("--"));

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith(".test.ts") ? [path] : [];
  });
}

let files = testFiles(join(repoRoot, "test"))
  .map((file) => relative(repoRoot, file))
  .sort();
if (paths.length > 0) files = files.filter((file) => paths.some((path) => file.startsWith(path)));
// Notebook and browser tests need Jupyter, the tslab kernel and Chromium; `--unit` leaves them out.
const needsJupyter = (file: string) => file.startsWith("test/notebooks") || file.startsWith("test/site");
if (unitOnly) files = files.filter((file) => !needsJupyter(file));

buildLibrary();
if (files.some(needsJupyter)) ensureCourseTools({ notebookServer: files.some((file) => file.startsWith("test/site")) });
if (files.some((file) => file.startsWith("test/site"))) ensureChromium();

const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
  { cwd: repoRoot, stdio: "inherit", env: testEnv() },
);
process.exit(result.status ?? 1);

function testEnv() {
  const env = { ...process.env };
  // CI keeps data that may not be committed (MovieLens-100k) in ../shared/datasets.
  const shared = join(repoRoot, "..", "shared", "datasets");
  if (!env.MTL_DATA_DIR && existsSync(shared)) env.MTL_DATA_DIR = shared;
  return env;
}
