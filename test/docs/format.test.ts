// The code is formatted by Prettier (printWidth 120, see .prettierrc.json): `npm run format` fixes what this finds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/**
 * What is checked. The whole tree is ["src", "test", "scripts", "bench"]; until the lead's tree-wide
 * `npm run format` lands, the files formatted so far (MTL_FORMAT_PATHS=all, or a comma-separated list, overrides).
 */
const PATHS: readonly string[] = [
  "test/docs",
  "src/index.ts",
  "src/backend/index.ts",
  "src/kernels/index.ts",
  "src/linalg/index.ts",
  "src/tasks/index.ts",
  "src/data/index.ts",
  "src/metrics/index.ts",
  "src/io/index.ts",
  "src/viz/index.ts",
  "src/viz/toy-trajectory.ts",
  "src/data/validate-split.ts",
];

function paths(): readonly string[] {
  const fromEnv = process.env.MTL_FORMAT_PATHS?.trim();
  if (fromEnv === "all") return ["src", "test", "scripts", "bench"];
  return fromEnv ? fromEnv.split(",").map((path) => path.trim()) : PATHS;
}

test("prettier --check passes", () => {
  const prettier = join(root, "node_modules", "prettier", "bin", "prettier.cjs");
  const result = spawnSync(process.execPath, [prettier, "--check", "--log-level", "warn", ...paths()], {
    cwd: root,
    encoding: "utf8",
  });
  const files = `${result.stdout}${result.stderr}`
    .split("\n")
    .map((line) => line.replace(/^\[warn\]\s*/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("Code style issues"));
  assert.equal(result.status, 0, `not formatted (run npm run format):\n${files.join("\n")}`);
});
