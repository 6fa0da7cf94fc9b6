import { test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { progressBar } from "../../src";

function capture(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

test("on a terminal the bar redraws one line in place and ends it", () => {
  const { stream, text } = capture(true);
  const bar = progressBar({ total: 8, label: "bench", stream, throttleMs: 0, width: 8 });
  bar.update(2, "mlp on wasm");
  bar.update(6);
  assert.match(
    text(),
    /^\rbench: \[##------\] 2\/8 \(25%\) · mlp on wasm · 0 s\u001b\[K\rbench: \[######--\] 6\/8 \(75%\) · 0 s\u001b\[K$/,
  );
  bar.finish("8 runs");
  assert.match(text(), /\r\u001b\[Kbench: done in \d+\.\d s · 8 runs\n$/);
});

test("off a terminal it prints plain lines, throttled, without carriage returns", () => {
  const { stream, text } = capture(false);
  const bar = progressBar({ label: "MovieLens-100k", unit: "bytes", stream, plainEveryMs: 60_000 });
  bar.update(1_500_000);
  bar.update(3_000_000); // within plainEveryMs: not printed
  bar.finish();
  assert.equal(text().includes("\r"), false);
  assert.match(text(), /^MovieLens-100k: 1\.5 MB · 0 s\nMovieLens-100k: done in \d+\.\d s\n$/);
});
