// Every TypeScript snippet in README.md runs, so the docs cannot drift from the library.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const scratch = join(root, ".cache", "doc-snippets");

/** The ```ts blocks of a markdown file. */
function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string);
}

/** Import lines stay at the top; the rest runs inside an async function so top-level await works. */
function runnable(snippet: string): string {
  const lines = snippet.split("\n");
  const imports = lines.filter((line) => line.startsWith("import "));
  const body = lines.filter((line) => !line.startsWith("import "));
  const onError = "(error) => { console.error(error); process.exit(1); }";
  return `${imports.join("\n")}\n(async () => {\n${body.join("\n")}\n})().catch(${onError});\n`;
}

for (const file of ["README.md"]) {
  snippets(readFileSync(join(root, file), "utf8")).forEach((snippet, index) => {
    test(`${file} snippet ${index + 1} runs`, () => {
      mkdirSync(scratch, { recursive: true });
      const path = join(scratch, `${file.replace(/\W/g, "-")}-${index + 1}.ts`);
      writeFileSync(path, runnable(snippet));
      const result = spawnSync(process.execPath, ["--import", "tsx", path], { cwd: root, encoding: "utf8" });
      assert.equal(result.status, 0, `snippet ${index + 1} of ${file} failed:\n${snippet}\n${result.stderr}`);
    });
  });
}
