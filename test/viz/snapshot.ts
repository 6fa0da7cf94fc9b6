import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Rounds numbers to 3 decimals and renumbers Plot's random class ids, so equal figures compare equal. */
export function normaliseSvg(svg: string): string {
  const ids = new Map<string, string>();
  return svg
    .replace(/plot-[0-9a-f]{4,}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `plot-${ids.size}`);
      return ids.get(id) as string;
    })
    .replace(/-?\d+\.\d{4,}/g, (number) => String(Math.round(Number(number) * 1000) / 1000))
    .replace(/></g, ">\n<");
}

/**
 * Compares `svg` with the stored snapshot `name`.svg; writes the snapshot when it is missing (and
 * UPDATE_SNAPSHOTS is set or we are not in CI), and a `-changed.svg` to look at on a mismatch.
 */
export function assertSnapshot(name: string, svg: string): void {
  const path = join(__dirname, "snapshots", `${name}.svg`);
  const changed = path.replace(/\.svg$/, "-changed.svg");
  const actual = normaliseSvg(svg);
  if (!existsSync(path) || process.env.UPDATE_SNAPSHOTS) {
    assert.ok(
      !process.env.CI || process.env.UPDATE_SNAPSHOTS,
      `snapshot ${name}.svg is missing; run the tests locally to create it and commit it`,
    );
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, "utf8");
  if (expected !== actual) {
    writeFileSync(changed, actual);
    assert.fail(`figure ${name} changed; compare ${changed} with ${path} (UPDATE_SNAPSHOTS=1 accepts it)`);
  }
  rmSync(changed, { force: true });
}
