// Every `@example` in src/ runs, and every `expr; // → value` line in it is checked, so docs cannot drift.
// Convention (BRIEF.md): an example is self-contained TypeScript; every public export of mtlkit is in scope as
// a bare name, plus `tf`; top-level await works; the backend is cpu. `// → value` compares numbers to the
// decimals written (|a − b| ≤ 0.5·10^−d), arrays and typed arrays element by element, objects field by field
// (the fields listed), tensors through arraySync(), everything else with ===. A line
// `// example: skip — reason` skips an example and `// example: skip unless VARIABLE — reason` skips it when that
// environment variable is unset (MovieLens-100k needs MTL_DATA_DIR); the skips are counted and printed.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import ts from "typescript";
import * as mtl from "../../src/index";
import { difference, examplesIn, sourceFiles, withChecks, type Approx, type DocExample } from "./doc-examples";

/**
 * The folders of src/ whose examples run (a file at the top of src/, e.g. errors.ts, counts as its own name).
 * "all" runs every folder — every example in src/ is self-contained and runs; MTL_EXAMPLE_FOLDERS=all (or a
 * comma-separated list) overrides this constant.
 */
const FOLDERS: readonly string[] | "all" = "all";

const root = join(__dirname, "..", "..");
const src = join(root, "src");
const requireFromTest = createRequire(__filename);
// As scripts/test.ts does: CI keeps data that may not be committed (MovieLens-100k) in ../shared/datasets.
const sharedData = join(root, "..", "shared", "datasets");
if (!process.env.MTL_DATA_DIR && existsSync(sharedData)) process.env.MTL_DATA_DIR = sharedData;

function selectedFolders(): readonly string[] | "all" {
  const fromEnv = process.env.MTL_EXAMPLE_FOLDERS?.trim();
  if (!fromEnv) return FOLDERS;
  return fromEnv === "all" ? "all" : fromEnv.split(",").map((name) => name.trim());
}

function folderOf(example: DocExample): string {
  return example.file.split("/")[1] as string;
}

const folders = selectedFolders();
const examples = sourceFiles(src)
  .flatMap((path) => examplesIn(path, root))
  .filter((example) => folders === "all" || folders.includes(folderOf(example)));

/**
 * The names in scope of an example: the public exports, tf, and the exports of the files of its folder (so an
 * internal helper's example runs too; a public example must not rely on them).
 */
function scopeOf(example: DocExample): Record<string, unknown> {
  const folder = dirname(join(root, example.file));
  const siblings = readdirSync(folder)
    .filter((entry) => entry.endsWith(".ts") && entry !== "index.ts")
    .map((entry) => requireFromTest(join(folder, entry)) as Record<string, unknown>);
  const own = requireFromTest(join(root, example.file)) as Record<string, unknown>;
  return Object.assign({ ...mtl, tf }, ...siblings, own);
}

/** Transpiles an example (types stripped, no type check) into an async function over the names in scope. */
function compile(example: DocExample): (check: typeof checkValue) => Promise<void> {
  const scope = scopeOf(example);
  const scopeNames = Object.keys(scope).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  const source = `async function __example() {\n${withChecks(example)}\n}`;
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
    fileName: `${example.file}:${example.line}.ts`,
  });
  const factory = new Function("require", "__check", "__approx", ...scopeNames, `${outputText}\nreturn __example;`);
  return (check) =>
    factory(
      requireFromTest,
      check,
      (approx: number, decimals: number): Approx => ({ approx, decimals }),
      ...scopeNames.map((name) => scope[name]),
    )();
}

function checkValue(actual: unknown, expected: unknown, where: string, expression: string): void {
  const found = difference(actual, expected);
  if (found) throw new assert.AssertionError({ message: `${where}: ${expression} — ${found}` });
}

const tally = new Map<string, { total: number; checks: number; skipped: number }>();
const skips: string[] = [];

describe("@example blocks in src/", () => {
  // Examples that write files do so under os.tmpdir(): point it at one folder, removed afterwards.
  const scratch = mkdtempSync(join(tmpdir(), "mtlkit-examples-"));
  const tmpdirBefore = process.env.TMPDIR;
  before(async () => {
    process.env.TMPDIR = scratch;
    await mtl.initBackend({ backend: "cpu" });
  });

  for (const example of examples) {
    const where = `${example.file}:${example.line}`;
    const checks = (withChecks(example).match(/__check\(/g) ?? []).length;
    const count = tally.get(folderOf(example)) ?? { total: 0, checks: 0, skipped: 0 };
    tally.set(folderOf(example), count);
    count.total += 1;
    const skip =
      example.skip ??
      (example.needs && !process.env[example.needs.variable]
        ? `${example.needs.variable} is not set: ${example.needs.reason}`
        : undefined);
    if (skip !== undefined) {
      count.skipped += 1;
      skips.push(`${where} ${example.name}: ${skip}`);
      test(`${where} ${example.name}`, { skip }, () => {});
      continue;
    }
    if (checks > 0) count.checks += 1;
    test(`${where} ${example.name}`, async () => {
      let run: ReturnType<typeof compile>;
      try {
        run = compile(example);
      } catch (error) {
        throw new Error(`${where} (${example.name}) does not compile: ${(error as Error).message}\n${example.code}`);
      }
      try {
        await run(checkValue);
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
        throw new Error(`${where} (${example.name}) threw: ${reason}\n--- example ---\n${example.code}`);
      }
    });
  }

  after(() => {
    if (tmpdirBefore === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdirBefore;
    rmSync(scratch, { recursive: true, force: true });
    const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
    const lines = rows.map(
      ([folder, count]) =>
        `${folder.padEnd(12)} ${String(count.total).padStart(4)} examples, ` +
        `${String(count.checks).padStart(4)} with checks, ${count.skipped} skipped`,
    );
    console.log(`@example summary (folders: ${folders === "all" ? "all" : folders.join(", ")})\n${lines.join("\n")}`);
    if (skips.length > 0) console.log(`skipped:\n  ${skips.join("\n  ")}`);
  });
});
