import { test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { headline, inNotebook, liveDashboard } from "../../src";

function capture(isTTY: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
  stream.isTTY = isTTY;
  let text = "";
  stream.on("data", (chunk) => (text += chunk.toString()));
  return { stream, text: () => text };
}

test("outside a notebook the dashboard prints one line per epoch", () => {
  assert.equal(inNotebook(), false);
  const { stream, text } = capture(false);
  const dashboard = liveDashboard({ stream });
  dashboard.onStep({ epoch: 0, epochs: 2, step: 0, stepsPerEpoch: 4, losses: { left: 2.5 } });
  dashboard.onEpochEnd({ epoch: 0, train: { left: 1.25, right: 0.5 }, validation: { left: 1.5, right: 0.75 } });
  dashboard.onEpochEnd({ epoch: 1, train: { left: 0.625, right: 0.25 } });
  dashboard.onTrainEnd();
  assert.equal(
    text(),
    "epoch 1: train left 1.2500 · right 0.5000 | validation left 1.5000 · right 0.7500\nepoch 2: train left 0.6250 · right 0.2500\n",
  );
});

test("on a terminal the dashboard draws a progress bar that the epoch line replaces", () => {
  const { stream, text } = capture(true);
  const dashboard = liveDashboard({ stream, throttleMs: 0 });
  dashboard.onStep({ epoch: 0, epochs: 1, step: 1, stepsPerEpoch: 4, losses: { left: 2 } });
  assert.match(text(), /\r\[#{12}-{12}\] epoch 1\/1 · step 2\/4 · left 2\.0000/);
  dashboard.onEpochEnd({ epoch: 0, train: { left: 1 } });
  assert.match(text(), /\r\u001b\[Kepoch 1: train left 1\.0000\n$/);
});

test("headline prints its numbers outside a notebook and returns them", (t) => {
  const lines: string[] = [];
  t.mock.method(console, "log", (line: string) => lines.push(line));
  const values = headline({ "left accuracy": 0.96123, epochs: 3 });
  assert.deepEqual(values, { "left accuracy": 0.96123, epochs: 3 });
  assert.deepEqual(lines, ["left accuracy: 0.9612\nepochs: 3"]);
});
