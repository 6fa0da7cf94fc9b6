import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { movieLensChecksums, movieLensFiles } from "../../src/data/movielens-files";
import { readZip } from "../../src/data/read-zip";
import type { MtlError } from "../../src/errors";
import { makeZip, type ZipEntry } from "./make-zip";

const shared = join(process.env.MTL_DATA_DIR ?? join(__dirname, "..", "..", "..", "shared", "datasets"), "ml-100k");
const skip = existsSync(join(shared, "u.data")) ? false : `MovieLens-100k not found in ${shared} (set MTL_DATA_DIR)`;
const names = Object.keys(movieLensChecksums);

/** The official archive's layout: ml-100k/<file>; big files deflated, small ones stored. */
function officialLikeZip(change?: (name: string, bytes: Uint8Array) => Uint8Array): Uint8Array {
  const entries: ZipEntry[] = names.map((name, i) => {
    const bytes = new Uint8Array(readFileSync(join(shared, name)));
    return { path: `ml-100k/${name}`, bytes: change ? change(name, bytes) : bytes, method: i % 2 === 0 ? 8 : 0 };
  });
  return makeZip([{ path: "ml-100k/u1.base", bytes: new TextEncoder().encode("not needed\n"), method: 8 }, ...entries]);
}

async function serve(body: Uint8Array): Promise<{ url: string; server: Server }> {
  const server = createServer((_, response) => response.end(body));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ml-100k.zip`, server };
}

/** Runs `body` with MTL_DATA_DIR unset, so the loader takes the cache / download path. */
async function withoutDataDir<T>(body: () => Promise<T>): Promise<T> {
  const saved = process.env.MTL_DATA_DIR;
  delete process.env.MTL_DATA_DIR;
  try {
    return await body();
  } finally {
    if (saved !== undefined) process.env.MTL_DATA_DIR = saved;
  }
}

const emptyCache = (cacheDir: string) => !existsSync(cacheDir) || readdirSync(cacheDir).length === 0;

test("readZip extracts stored and deflated entries and checks their CRC", () => {
  const zip = makeZip([
    { path: "a/one.txt", bytes: new TextEncoder().encode("one"), method: 0 },
    { path: "a/two.txt", bytes: new TextEncoder().encode("two two two two"), method: 8 },
  ]);
  const files = readZip(zip, "test.zip", () => true);
  assert.equal(new TextDecoder().decode(files.get("a/one.txt")), "one");
  assert.equal(new TextDecoder().decode(files.get("a/two.txt")), "two two two two");
  const flipped = zip.slice();
  flipped[30 + "a/one.txt".length] ^= 1; // first data byte of the stored entry
  assert.throws(
    () => readZip(flipped, "flipped.zip", () => true),
    (error: MtlError) => error.code === "data-corrupt" && /CRC-32/.test(error.message),
  );
});

test(
  "first use downloads the archive over HTTP, verifies it and fills the cache; later loads need no network",
  { skip },
  async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "mtl-cache-"));
    const { url, server } = await serve(officialLikeZip());
    try {
      const first = await withoutDataDir(() => movieLensFiles({ cacheDir, url }));
      assert.equal(first.downloaded, true);
      assert.deepEqual(readdirSync(cacheDir), ["ml-100k"], "no temporary folder is left behind");
      assert.deepEqual(readdirSync(join(cacheDir, "ml-100k")).sort(), [...names].sort());
    } finally {
      server.close();
    }
    const second = await withoutDataDir(() => movieLensFiles({ cacheDir, url: "http://127.0.0.1:9/unused.zip" }));
    assert.equal(second.downloaded, false);
    assert.equal(second.files.get("u.data")?.length, 1979173);
  },
);

test("a truncated, corrupted or altered archive is a clear error and leaves the cache empty", { skip }, async () => {
  const good = officialLikeZip();
  const corrupted = good.slice();
  corrupted.fill(0x55, 1000, 1400); // inside the first deflated MovieLens entry
  const cases: [string, Uint8Array, string, RegExp][] = [
    ["truncated", good.subarray(0, good.length - 5000), "data-truncated", /truncated/],
    ["corrupted", corrupted, "data-corrupt", /corrupt/],
    [
      "altered",
      officialLikeZip((name, bytes) => (name === "u.genre" ? new TextEncoder().encode("Action|0\n") : bytes)),
      "checksum-mismatch",
      /u\.genre .* sha256/,
    ],
  ];
  for (const [label, body, code, pattern] of cases) {
    const cacheDir = mkdtempSync(join(tmpdir(), "mtl-cache-"));
    const { url, server } = await serve(body);
    try {
      await assert.rejects(
        withoutDataDir(() => movieLensFiles({ cacheDir, url })),
        (error: MtlError) => error.code === code && pattern.test(error.message),
        label,
      );
      assert.ok(emptyCache(cacheDir), `${label}: nothing half-written stays in ${cacheDir}`);
    } finally {
      server.close();
    }
  }
});

test("offline with an empty cache, the message says where to put the files or which variable to set", async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "mtl-cache-"));
  const { url, server } = await serve(new Uint8Array());
  server.close(); // nothing listens on this port any more
  await assert.rejects(
    withoutDataDir(() => movieLensFiles({ cacheDir, url })),
    (error: MtlError) => {
      return (
        error.code === "data-offline" &&
        error.message.includes(join(cacheDir, "ml-100k")) &&
        /MTL_DATA_DIR/.test(error.message) &&
        /u\.data/.test(error.message)
      );
    },
  );
  assert.ok(emptyCache(cacheDir));
});

test("a cached file that no longer matches its checksum is reported", { skip }, async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "mtl-cache-"));
  mkdirSync(join(cacheDir, "ml-100k"));
  for (const name of names) copyFileSync(join(shared, name), join(cacheDir, "ml-100k", name));
  copyFileSync(join(shared, "u.genre"), join(cacheDir, "ml-100k", "u.occupation"));
  await assert.rejects(
    withoutDataDir(() => movieLensFiles({ cacheDir })),
    (error: MtlError) => error.code === "checksum-mismatch" && /u\.occupation/.test(error.message),
  );
});
