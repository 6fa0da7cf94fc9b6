import { test } from "node:test";
import assert from "node:assert/strict";
import { scanPixelJson } from "../../src/data/scan-pixel-json";
import type { MtlError } from "../../src/errors";

const image = (value: number) => `[${new Array(784).fill(value).join(",")}]`;
const bytes = (text: string) => new TextEncoder().encode(text);

test("scanPixelJson reads images and skips empty entries", () => {
  const target = new Uint8Array(2 * 784);
  const count = scanPixelJson(bytes(`{"data":[${image(7)},${image(255)},[]]}`), "t.json", (i, p, v) => {
    target[i * 784 + p] = v;
  });
  assert.equal(count, 2);
  assert.equal(target[0], 7);
  assert.equal(target[784 + 783], 255);
});

test("scanPixelJson names truncated and corrupt files", () => {
  const whole = `{"data":[${image(1)},${image(2)}]}`;
  const noop = () => {};
  assert.throws(
    () => scanPixelJson(bytes(whole.slice(0, whole.length - 900)), "cut.json", noop),
    (error: MtlError) => error.code === "data-corrupt" || error.code === "data-truncated",
  );
  assert.throws(
    () => scanPixelJson(bytes(whole.slice(0, whole.length - 2)), "cut.json", noop),
    (error: MtlError) => error.code === "data-truncated" && /cut\.json/.test(error.message),
  );
  assert.throws(
    () => scanPixelJson(bytes(whole.replace("1,1", "1,x")), "bad.json", noop),
    (error: MtlError) => error.code === "data-corrupt" && /bad\.json/.test(error.message),
  );
  assert.throws(
    () => scanPixelJson(bytes(whole.replace("2,2", "2,256")), "big.json", noop),
    (error: MtlError) => error.code === "data-corrupt" && /256/.test(error.message),
  );
  assert.throws(
    () => scanPixelJson(bytes(`{"data":[[1,2,3]]}`), "short.json", noop),
    (error: MtlError) => error.code === "data-corrupt" && /3 pixels/.test(error.message),
  );
});
