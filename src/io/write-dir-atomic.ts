import fs from "node:fs";
import path from "node:path";
import { mtlError } from "../errors";

let counter = 0;

/**
 * Writes files into a new folder `dir` so that `dir` is either absent, complete with the old
 * contents, or complete with the new ones — never half written: the files go to a temporary
 * sibling folder first (each flushed to disk), which is then renamed to `dir`. An existing `dir` is
 * replaced only with `overwrite`, by renaming it aside to `dir.old-…` first (see
 * {@link resolveCheckpointDir} for a crash between the two renames). On an error the temporary
 * folder is removed.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/mtlkit-`);
 * writeDirAtomic(`${dir}/run`, [{ name: "checkpoint.json", data: "{}" }]);
 * writeDirAtomic(`${dir}/run`, [{ name: "checkpoint.json", data: "[]" }], { overwrite: true });
 * (await import("node:fs")).readFileSync(`${dir}/run/checkpoint.json`, "utf8"); // → "[]"
 */
export function writeDirAtomic(
  dir: string,
  files: readonly { name: string; data: Uint8Array | string }[],
  options: { overwrite?: boolean } = {},
): void {
  const exists = fs.existsSync(dir);
  if (exists && !options.overwrite) {
    throw mtlError({
      code: "checkpoint-exists",
      message: `folder "${dir}" already exists`,
      fix: "pass overwrite: true, or choose another folder",
    });
  }
  fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const unique = `${process.pid}-${Date.now()}-${counter++}`;
  const temporary = `${dir}.tmp-${unique}`;
  try {
    fs.mkdirSync(temporary);
    for (const file of files) writeFlushed(path.join(temporary, file.name), file.data);
    if (exists) {
      const aside = `${dir}.old-${unique}`;
      fs.renameSync(dir, aside);
      fs.renameSync(temporary, dir);
      fs.rmSync(aside, { recursive: true, force: true });
    } else {
      fs.renameSync(temporary, dir);
    }
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}

function writeFlushed(file: string, data: Uint8Array | string): void {
  fs.writeFileSync(file, data);
  const handle = fs.openSync(file, "r");
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
}

/**
 * The folder to read a checkpoint from: `dir` itself, or — when a save was interrupted between
 * moving the old checkpoint aside and moving the new one in — the newest `dir.old-…` sibling.
 * Undefined when neither exists.
 *
 * @example
 * const dir = (await import("node:fs")).mkdtempSync(`${(await import("node:os")).tmpdir()}/mtlkit-`);
 * writeDirAtomic(`${dir}/run`, [{ name: "checkpoint.json", data: "{}" }]);
 * resolveCheckpointDir(`${dir}/run`) === `${dir}/run`; // → true
 * resolveCheckpointDir(`${dir}/missing`); // → undefined
 */
export function resolveCheckpointDir(dir: string): string | undefined {
  if (fs.existsSync(dir)) return dir;
  const parent = path.dirname(path.resolve(dir));
  if (!fs.existsSync(parent)) return undefined;
  const prefix = `${path.basename(dir)}.old-`;
  const aside = fs
    .readdirSync(parent)
    .filter((name) => name.startsWith(prefix))
    .map((name) => path.join(parent, name))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  const newest = aside[aside.length - 1];
  return newest;
}
