// `npm test`: installs what is missing (Jupyter, the tslab kernel), builds the library, then runs
// every test file under test/ with node's test runner — unit tests and the notebook tests alike.
// `npm test -- --unit` skips the notebooks; `npm test -- test/weighting` runs the files under a path.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ensureCourseTools, buildLibrary, repoRoot } from "./bootstrap";

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

let files = testFiles(join(repoRoot, "test")).map((file) => relative(repoRoot, file)).sort();
if (paths.length > 0) files = files.filter((file) => paths.some((path) => file.startsWith(path)));
if (unitOnly) files = files.filter((file) => !file.startsWith("test/notebooks"));
const needsNotebooks = files.some((file) => file.startsWith("test/notebooks"));

buildLibrary();
if (needsNotebooks) ensureCourseTools();

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
