import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { mtlError } from "../errors";
import { readZip } from "./read-zip";

/** The official MovieLens-100k archive (GroupLens; may not be redistributed, so it is downloaded). */
export const movieLensUrl = "https://files.grouplens.org/datasets/movielens/ml-100k.zip";

/** sha256 of each file the loader reads, pinned from the official archive's ml-100k/ folder. */
export const movieLensChecksums: Readonly<Record<string, string>> = {
  "u.data": "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490",
  "u.item": "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701",
  "u.user": "f120e114da2e8cf314fd28f99417c94ae9ddf1cb6db8ce0e4b5995d40e90e62c",
  "u.genre": "9757e0d3e6b298159a80dd48eaf938114690e911e39af97a76949ef1663610bb",
  "u.occupation": "cd5fbec9afe345d993a62fc7817df1a4a9079c4feb267b3118763b8fd942137d",
  "u.info": "5b0a40b2e47a729ee6203063f6dcf8790c2e63f5a18663e6ee318a72c5f3c27b",
  README: "4883b8cf340ed0059971b33f56ad3adc88a40792108ebca3d24aafc4c82e8b52",
};

/** Where MovieLens-100k is read from, and where it is downloaded from when absent. */
export interface MovieLensFileOptions {
  /** Folder that holds `ml-100k/`; default: the `MTL_DATA_DIR` environment variable. */
  dataDir?: string;
  /** Download cache holding `ml-100k/` when no data folder is set; default `datasets/.cache` of this package. */
  cacheDir?: string;
  /** Archive to download on first use; default {@link movieLensUrl}. */
  url?: string;
}

/** The verified MovieLens files, by name, and the folder they were read from. */
export interface MovieLensFiles {
  dir: string;
  files: Map<string, Uint8Array>;
  downloaded: boolean;
}

const names = Object.keys(movieLensChecksums);

/**
 * Finds MovieLens-100k — `MTL_DATA_DIR/ml-100k` when that is set, else the download cache,
 * downloading and unzipping the official archive into it on first use (into a temporary folder
 * renamed into place once every file's sha256 matches) — and returns its verified files.
 *
 * @example
 * // example: skip unless MTL_DATA_DIR — MovieLens-100k may not be redistributed (MTL_DATA_DIR holds ml-100k/)
 * const { files, downloaded } = await movieLensFiles(); // reads $MTL_DATA_DIR/ml-100k
 * [files.size, downloaded]; // → [7, false]
 */
export async function movieLensFiles(options: MovieLensFileOptions = {}): Promise<MovieLensFiles> {
  const dataDir = options.dataDir ?? process.env.MTL_DATA_DIR;
  if (dataDir)
    return {
      dir: join(dataDir, "ml-100k"),
      files: readVerified(join(dataDir, "ml-100k"), "MTL_DATA_DIR"),
      downloaded: false,
    };
  const cacheDir = options.cacheDir ?? resolve(__dirname, "..", "..", "datasets", ".cache");
  const dir = join(cacheDir, "ml-100k");
  if (existsSync(dir)) return { dir, files: readVerified(dir, "cache"), downloaded: false };
  const url = options.url ?? movieLensUrl;
  const files = verifyAll(unzipNeeded(await download(url, dir), url), url);
  install(files, cacheDir, dir);
  return { dir, files, downloaded: true };
}

function readVerified(dir: string, origin: "MTL_DATA_DIR" | "cache"): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const name of names) {
    const path = join(dir, name);
    if (!existsSync(path)) throw missing(path, dir, origin);
    files.set(name, readFileSync(path));
  }
  return verifyAll(files, dir);
}

function verifyAll(files: Map<string, Uint8Array>, where: string): Map<string, Uint8Array> {
  for (const name of names) {
    const found = createHash("sha256")
      .update(files.get(name) as Uint8Array)
      .digest("hex");
    if (found !== movieLensChecksums[name]) {
      throw mtlError({
        code: "checksum-mismatch",
        message: `MovieLens-100k file ${name} from ${where} has sha256 ${found}, expected ${movieLensChecksums[name]}`,
        fix: `replace it with the file from the official ${movieLensUrl} (delete a cached copy to download it again)`,
      });
    }
  }
  return files;
}

async function download(url: string, target: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw mtlError({
      code: "data-offline",
      message: `MovieLens-100k is not on this machine and downloading ${url} failed (${describe(error)})`,
      fix:
        `put ${names.join(", ")} from ml-100k.zip into ${target}, ` +
        `or set MTL_DATA_DIR to a folder that contains ml-100k/`,
    });
  }
  if (!response.ok) {
    throw mtlError({
      code: "download-failed",
      message: `downloading ${url} answered HTTP ${response.status}`,
      fix: `check the address, or put the files into ${target}`,
    });
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw mtlError({
      code: "download-failed",
      message: `downloading ${url} broke off (${describe(error)})`,
      fix: "try again",
    });
  }
}

function unzipNeeded(zip: Uint8Array, url: string): Map<string, Uint8Array> {
  const entries = readZip(zip, url, (path) => names.includes(path.split("/").pop() ?? ""));
  const files = new Map<string, Uint8Array>();
  for (const [path, bytes] of entries) files.set(path.split("/").pop() as string, bytes);
  const absent = names.filter((name) => !files.has(name));
  if (absent.length > 0) {
    throw mtlError({
      code: "data-corrupt",
      message: `zip archive ${url} lacks ${absent.join(", ")}`,
      fix: `use the official archive ${movieLensUrl}`,
    });
  }
  return files;
}

function install(files: Map<string, Uint8Array>, cacheDir: string, dir: string): void {
  mkdirSync(cacheDir, { recursive: true });
  const temporary = mkdtempSync(join(cacheDir, ".ml-100k-"));
  try {
    for (const [name, bytes] of files) writeFileSync(join(temporary, name), bytes);
    if (!existsSync(dir)) renameSync(temporary, dir);
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

function missing(path: string, dir: string, origin: "MTL_DATA_DIR" | "cache") {
  const how =
    origin === "MTL_DATA_DIR"
      ? "or unset MTL_DATA_DIR to download the archive into the cache"
      : "or delete the folder to download it again";
  return mtlError({
    code: "data-missing",
    message: `MovieLens-100k file ${path} is missing`,
    fix: `put ${names.join(", ")} from ml-100k.zip (${movieLensUrl}) into ${dir}, ${how}`,
  });
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
