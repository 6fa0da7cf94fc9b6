import { crc32, inflateRawSync } from "node:zlib";
import { mtlError } from "../errors";

const endSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;

/**
 * Extracts the named files of a zip archive held in memory (stored or deflated entries, no
 * zip64), checking each one's size and CRC-32; returns a map from entry path to bytes. Fails with
 * `data-truncated` or `data-corrupt`, naming the archive.
 *
 * @example
 * const empty = Uint8Array.from([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]); // just the end record
 * readZip(empty, "empty.zip", () => true).size; // → 0
 * let code = "";
 * try {
 *   readZip(empty.subarray(0, 10), "cut.zip", () => true);
 * } catch (error) {
 *   code = (error as MtlError).code;
 * }
 * code; // → "data-truncated"
 */
export function readZip(zip: Uint8Array, archive: string, wanted: (path: string) => boolean): Map<string, Uint8Array> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEnd(view, archive);
  const entries = view.getUint16(end + 10, true);
  let cursor = view.getUint32(end + 16, true);
  const files = new Map<string, Uint8Array>();
  for (let i = 0; i < entries; i++) {
    need(view, cursor + 46, archive);
    if (view.getUint32(cursor, true) !== centralSignature)
      corrupt(archive, `central directory entry ${i} has a bad signature`);
    const nameLength = view.getUint16(cursor + 28, true);
    need(view, cursor + 46 + nameLength, archive);
    const path = new TextDecoder().decode(zip.subarray(cursor + 46, cursor + 46 + nameLength));
    if (wanted(path)) files.set(path, extract(zip, view, cursor, path, archive));
    cursor += 46 + nameLength + view.getUint16(cursor + 30, true) + view.getUint16(cursor + 32, true);
  }
  return files;
}

function findEnd(view: DataView, archive: string): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === endSignature) {
      if (view.getUint32(at + 16, true) + view.getUint32(at + 12, true) > at)
        truncated(archive, "its central directory points past the end of the file");
      return at;
    }
  }
  return truncated(archive, "no end-of-central-directory record was found");
}

function extract(zip: Uint8Array, view: DataView, central: number, path: string, archive: string): Uint8Array {
  const method = view.getUint16(central + 10, true);
  const crc = view.getUint32(central + 16, true);
  const packedSize = view.getUint32(central + 20, true);
  const size = view.getUint32(central + 24, true);
  const local = view.getUint32(central + 42, true);
  need(view, local + 30, archive);
  if (view.getUint32(local, true) !== localSignature) corrupt(archive, `entry ${path} has a bad local header`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  need(view, start + packedSize, archive);
  const packed = zip.subarray(start, start + packedSize);
  const bytes =
    method === 0
      ? packed.slice()
      : method === 8
        ? inflate(packed, path, archive)
        : corrupt(
            archive,
            `entry ${path} uses compression method ${method}; only stored (0) and deflated (8) are read`,
          );
  if (bytes.length !== size)
    corrupt(archive, `entry ${path} unpacks to ${bytes.length} bytes, its header says ${size}`);
  if (crc32(bytes) !== crc) corrupt(archive, `entry ${path} fails its CRC-32 check`);
  return bytes;
}

function inflate(packed: Uint8Array, path: string, archive: string): Uint8Array {
  try {
    return inflateRawSync(packed);
  } catch (error) {
    return corrupt(archive, `entry ${path} does not inflate (${(error as Error).message})`);
  }
}

function need(view: DataView, end: number, archive: string): void {
  if (end > view.byteLength) truncated(archive, `it ends at byte ${view.byteLength} but an entry needs byte ${end}`);
}

function truncated(archive: string, what: string): never {
  throw mtlError({
    code: "data-truncated",
    message: `zip archive ${archive} is truncated: ${what}`,
    fix: "download it again",
  });
}

function corrupt(archive: string, what: string): never {
  throw mtlError({
    code: "data-corrupt",
    message: `zip archive ${archive} is corrupt: ${what}`,
    fix: "download it again",
  });
}
