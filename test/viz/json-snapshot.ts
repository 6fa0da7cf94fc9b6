import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** JSON with every number rounded to 3 decimals, so a figure spec compares equal across platforms. */
export function normaliseJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_, item: unknown) => (typeof item === "number" ? Math.round(item * 1000) / 1000 : item),
    1,
  );
}

/**
 * Compares a Plotly figure spec with the stored snapshot `name`.json (written when missing, outside CI,
 * or with UPDATE_SNAPSHOTS set); a mismatch writes `-changed.json` to compare.
 */
export function assertJsonSnapshot(name: string, value: unknown): void {
  const path = join(__dirname, "snapshots", `${name}.json`);
  const changed = path.replace(/\.json$/, "-changed.json");
  const actual = normaliseJson(value);
  if (!existsSync(path) || process.env.UPDATE_SNAPSHOTS) {
    assert.ok(
      !process.env.CI || process.env.UPDATE_SNAPSHOTS,
      `snapshot ${name}.json is missing; run the tests locally to create it and commit it`,
    );
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (readFileSync(path, "utf8") !== actual) {
    writeFileSync(changed, actual);
    assert.fail(`figure ${name} changed; compare ${changed} with ${path} (UPDATE_SNAPSHOTS=1 accepts it)`);
  }
  rmSync(changed, { force: true });
}
