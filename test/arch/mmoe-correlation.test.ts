// The MMoE paper's controlled experiment (Ma et al. KDD 2018, §4 and Fig. 4) at a reduced size:
// shared bottom, OMoE and MMoE trained on the synthetic data at task correlation p = 1 and p = 0.
// The paper's trend, averaged over seeds: (1) every model does better when the tasks are more
// related; (2) MMoE's advantage over the shared bottom grows as the correlation falls.
// Measured (6 seeds, validation MSE): (1) held for all three models on seeds 0–5 and on seeds 6–11.
// (2) did NOT reproduce: the edge grew on seeds 0–5 (−0.40 → −0.19) and shrank on seeds 6–11
// (−0.30 → −0.42), and MMoE stayed behind the shared bottom throughout. (2) is therefore a `todo`
// test: it runs and reports, but its outcome at this size is seed luck and must not gate CI.
// The size (d = 16, α_i = 0.3·i, narrow models) is lesson 06's: capacity must be scarce for the
// tasks to compete for it. Runs on wasm (≈ 4× cpu on dense layers): this checks a trend, not kernels.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { mmoe, omoe } from "../../src/arch/mmoe";
import { hardSharing } from "../../src/arch/hard-sharing";
import { mlp } from "../../src/arch/encoders/mlp";
import { mmoeSynthetic } from "../../src/data/mmoe-synthetic";
import { train } from "../../src/train/train";
import type { MultiTaskModel } from "../../src/arch/types";
import type { TaskSpec } from "../../src/tasks/types";


const d = 16;
const m = 10;
const seeds = [0, 1, 2, 3, 4, 5];
const builders: Record<string, (tasks: TaskSpec[], seed: number) => MultiTaskModel> = {
  "shared bottom": (tasks, seed) => hardSharing({ trunk: mlp({ inputShape: [d], hidden: [16] }), tasks, head: { hidden: [8] }, seed }),
  omoe: (tasks, seed) => omoe({ tasks, inputShape: [d], experts: 4, expertHidden: [4], towerHidden: [8], seed }),
  mmoe: (tasks, seed) => mmoe({ tasks, inputShape: [d], experts: 4, expertHidden: [4], towerHidden: [8], seed }),
};

/** Mean over seeds of the validation MSE averaged over the two tasks, per model, at correlation p. */
async function lossesAt(p: number): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  for (const seed of seeds) {
    const data = mmoeSynthetic({ p, seed, d, m, alphas: Array.from({ length: m }, (_, i) => 0.3 * (i + 1)), train: 3000, validation: 1000, test: 0 });
    for (const [name, build] of Object.entries(builders)) {
      const model = build(data.tasks, seed);
      const history = await train(model, data, { epochs: 6, batchSize: 128, seed, optimizer: { learningRate: 0.01 }, recordSteps: false, test: false });
      const losses = history.final.validation!.losses;
      sums[name] = (sums[name] ?? 0) + (losses.task1! + losses.task2!) / 2 / seeds.length;
      model.dispose();
    }
  }
  return sums;
}

let related: Record<string, number> = {};
let unrelated: Record<string, number> = {};
let table = "";
before(async () => {
  await initBackend({ backend: "wasm" });
  tf.enableProdMode();
  related = await lossesAt(1);
  unrelated = await lossesAt(0);
  table = Object.keys(builders).map((name) => `${name}: p=1 ${related[name]!.toFixed(3)}, p=0 ${unrelated[name]!.toFixed(3)}`).join("; ");
  console.log(`validation MSE, mean of ${seeds.length} seeds — ${table}`);
});

test("MMoE correlation trend (Ma et al. 2018, Fig. 4): shared bottom, OMoE and MMoE all do better on related tasks", () => {
  for (const name of Object.keys(builders)) {
    assert.ok(related[name]! < unrelated[name]!, `${name} should do better on related tasks: ${table}`);
  }
});

test(
  "MMoE correlation trend (Ma et al. 2018, Fig. 4): MMoE's edge over the shared bottom grows as correlation falls",
  { todo: "does not reproduce robustly at this size (grows on seeds 0–5, shrinks on 6–11); see the header" },
  () => {
    const edge = (losses: Record<string, number>) => losses["shared bottom"]! - losses.mmoe!;
    assert.ok(edge(unrelated) > edge(related), `edge ${edge(related).toFixed(3)} at p=1, ${edge(unrelated).toFixed(3)} at p=0`);
  },
);
