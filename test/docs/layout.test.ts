// The tree keeps design.md's order (each folder of src/ imports only folders before it) and README's layout
// table lists every part of src/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { sourceFiles } from "./doc-examples";

const root = join(__dirname, "..", "..");
const src = join(root, "src");

/** design.md's "Folders, bottom up": each may use only those before it. */
const ORDER = [
  "errors",
  "check-options",
  "backend",
  "kernels",
  "linalg",
  "tasks",
  "data",
  "metrics",
  "arch",
  "weighting",
  "distill",
].concat(["io", "train", "viz"]);

/**
 * The one sanctioned import against the order: design.md's backend "picks wasm with our training kernels
 * registered", so initBackend registers them (backend → kernels); kernels never import backend.
 */
const KNOWN_EXCEPTIONS = new Set(["src/backend/init-backend.ts → kernels"]);

/** README rows for parts not created yet. */
const PLANNED = new Set<string>();

function partOf(path: string): string {
  const [part] = relative(src, path).split("/");
  return (part as string).replace(/\.ts$/, "");
}

test("each folder of src/ imports only folders before it in design.md", () => {
  const wrong: string[] = [];
  for (const file of sourceFiles(src)) {
    const from = partOf(file);
    if (!ORDER.includes(from)) continue;
    for (const match of readFileSync(file, "utf8").matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
      const target = normalize(join(dirname(file), match[1] as string));
      if (!target.startsWith(src)) continue;
      const to = partOf(target);
      if (to === from || !ORDER.includes(to) || ORDER.indexOf(to) < ORDER.indexOf(from)) continue;
      const edge = `${relative(root, file)} → ${to}`;
      if (!KNOWN_EXCEPTIONS.has(edge)) wrong.push(edge);
    }
  }
  assert.deepEqual(wrong, [], `move the code, or the import, so that the order holds:\n${wrong.join("\n")}`);
});

test("README's layout table lists every folder and top-level file of src/, and nothing that is not there", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const listed = new Set([...readme.matchAll(/^\| `(src\/[^`]+)`/gm)].map((match) => match[1] as string));
  const parts = readdirSync(src).map((entry) => `src/${entry}`);
  assert.deepEqual(
    parts.filter((part) => !listed.has(part)),
    [],
    "add these rows to README's Layout table",
  );
  const stale = [...listed].filter((path) => !existsSync(join(root, path)) && !PLANNED.has(path));
  assert.deepEqual(stale, [], "these README rows name paths that do not exist");
});
