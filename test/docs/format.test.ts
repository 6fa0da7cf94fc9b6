// The code is formatted by Prettier (printWidth 120, see .prettierrc.json): `npm run format` fixes what this finds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/** What is checked: the whole code tree (MTL_FORMAT_PATHS, a comma-separated list, narrows it). */
const PATHS: readonly string[] = ["src", "test", "scripts", "bench"];

function paths(): readonly string[] {
  const fromEnv = process.env.MTL_FORMAT_PATHS?.trim();
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
