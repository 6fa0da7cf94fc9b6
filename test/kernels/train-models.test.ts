import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../src/backend";
import { relativeError } from "./compare-backends";
import { batchFor, embeddingGru, initialWeights, lenet, trainSteps } from "./train-models";

async function curves(
  build: () => import("@tensorflow/tfjs-layers").LayersModel,
  batch: ReturnType<typeof batchFor>,
  steps: number,
) {
  const weights = initialWeights(build, 7);
  await initBackend({ backend: "cpu" });
  const cpu = trainSteps(build, weights, batch, steps).losses;
  await initBackend({ backend: "wasm" });
  const { losses: wasm, liveTensors } = trainSteps(build, weights, batch, steps);
  assert.deepEqual(liveTensors.slice(1), liveTensors.slice(0, -1), "a training step on wasm leaks tensors");
  return { cpu: Float32Array.from(cpu), wasm: Float32Array.from(wasm) };
}

test("a two-head LeNet trained on wasm and on cpu from the same seed has the same loss curve", async () => {
  // 20×20 images keep the cpu side of the comparison (≈1 sample/s at 36×36) fast.
  const build = () => lenet(20);
  await initBackend({ backend: "cpu" });
  const batch = batchFor(build(), 4, 3);
  const { cpu, wasm } = await curves(build, batch, 4);
  assert.ok((cpu[3] as number) < (cpu[0] as number), `loss should fall on one repeated batch: ${cpu}`);
  assert.ok(relativeError(wasm, cpu) <= 1e-5, `wasm ${wasm} vs cpu ${cpu}`);
});

test("an embedding + GRU two-head text model trains on wasm, matching cpu", async () => {
  const build = () => embeddingGru(60, 8);
  await initBackend({ backend: "cpu" });
  const batch = batchFor(build(), 8, 4, 60);
  const { cpu, wasm } = await curves(build, batch, 5);
  assert.ok((wasm[4] as number) < (wasm[0] as number), `loss should fall on one repeated batch: ${wasm}`);
  assert.ok(relativeError(wasm, cpu) <= 1e-5, `wasm ${wasm} vs cpu ${cpu}`);
});
