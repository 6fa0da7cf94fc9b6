import { test } from "node:test";
import assert from "node:assert/strict";
import { lossCurves, MtlError } from "../../src";
import { assertSnapshot } from "./snapshot";

const epochs = [0, 1, 2, 3, 4].map((epoch) => ({
  epoch,
  train: { left: 2 / (epoch + 1), right: 1.5 / (epoch + 1) + 0.1 },
  validation: { left: 2.2 / (epoch + 1) + 0.05, right: 1.6 / (epoch + 1) + 0.2 },
}));

test("lossCurves draws one solid train and one dashed validation line per task", () => {
  const svg = lossCurves(epochs, { title: "MultiMNIST" });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"|^<figure/);
  assert.equal((svg.match(/stroke-dasharray="4,3"/g) ?? []).length, 1, "one dashed group (validation)");
  assert.match(svg, /left/);
  assert.match(svg, /right/);
  assertSnapshot("loss-curves", svg);
});

test("lossCurves accepts a history object and a log scale", () => {
  const svg = lossCurves({ epochs }, { logScale: true, width: 400 });
  assert.match(svg, /width="400"/);
});

test("lossCurves refuses a history without finite losses", () => {
  assert.throws(
    () => lossCurves([{ epoch: 0, train: { left: Number.NaN } }]),
    (error: unknown) => {
      assert.ok(error instanceof MtlError);
      assert.equal(error.code, "empty-history");
      return true;
    },
  );
});
