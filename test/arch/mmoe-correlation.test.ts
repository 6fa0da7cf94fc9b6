// The MMoE paper's controlled experiment (Ma et al. KDD 2018, §4 and Fig. 4) at a reduced size:
// shared bottom, OMoE and MMoE trained on the synthetic data at task correlation p = 1 and p = 0.
// The paper's trends, averaged over seeds: (1) every model does better when the tasks are more
// related; (2) MMoE's advantage over the shared bottom (and over OMoE) grows as the correlation falls.
//
// Size: d = 16, m = 10, α_i = 0.3·i, 3,000 training / 1,000 validation samples, 8 seeds; Adam 0.01
// decayed linearly to 0 over 40 epochs of batch 128 (long enough that the models are limited by
// capacity, not by too few steps). Parameter counts are matched, as in the paper: the shared bottom
// is one ReLU layer of 48 units with linear heads (914 parameters); MMoE has 8 experts of one ReLU
// layer of 4 units, a gate per task and towers with 8 hidden units (914); OMoE the same with one
// gate (778). At p = 0 the shared bottom must split its one layer between two unrelated directions,
// while each MMoE gate reads the input itself and picks its own experts.
//
// Measured (validation MSE averaged over the two tasks, mean over seeds; edge = shared bottom − MMoE):
//   seeds  0–7:  SB 0.459 → 0.727, OMoE 0.098 → 0.235, MMoE 0.055 → 0.103 (p = 1 → p = 0);
//                edge over SB 0.405 → 0.624 (grew on 8/8 seeds), over OMoE 0.043 → 0.132 (6/8).
//   seeds 8–15:  SB 0.579 → 0.756, OMoE 0.054 → 0.177, MMoE 0.058 → 0.082;
//                edge over SB 0.520 → 0.674 (7/8), over OMoE −0.004 → 0.096 (8/8).
//   seeds 16–23: SB 0.571 → 0.859, OMoE 0.117 → 0.224, MMoE 0.106 → 0.147;
//                edge over SB 0.465 → 0.712 (5/8), over OMoE 0.011 → 0.078 (5/8).
// Both trends held on all three disjoint seed sets, so both are asserted on seeds 0–7.
// Caveats: the growth is in absolute loss, as in the paper's Fig. 4; relative to its own p = 1 loss
// MMoE worsens about as much as the shared bottom or more. The trend vs the shared bottom did NOT
// reproduce with paper-like shared-bottom towers (hidden [8]): at this size such a shared bottom is
// limited by optimisation (bimodal across seeds at p = 0), not by capacity. The edge over OMoE is
// the smaller, noisier margin. Runs on wasm (≈ 4× cpu on dense layers): this checks a trend, not kernels.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { mmoe, omoe } from "../../src/arch/mmoe";
import { hardSharing } from "../../src/arch/hard-sharing";
import { mlp } from "../../src/arch/encoders/mlp";
import { countParameters } from "../../src/arch/count-parameters";
import { mmoeSynthetic } from "../../src/data/mmoe-synthetic";
import { train } from "../../src/train/train";
import { linearDecay } from "../../src/train/linear-decay";
import type { MultiTaskModel } from "../../src/arch/types";
import type { TaskSpec } from "../../src/tasks/types";

const d = 16;
const m = 10;
const seeds = [0, 1, 2, 3, 4, 5, 6, 7];
const builders: Record<string, (tasks: TaskSpec[], seed: number) => MultiTaskModel> = {
  "shared bottom": (tasks, seed) =>
    hardSharing({ trunk: mlp({ inputShape: [d], hidden: [48] }), tasks, head: { hidden: [] }, seed }),
  omoe: (tasks, seed) => omoe({ tasks, inputShape: [d], experts: 8, expertHidden: [4], towerHidden: [8], seed }),
  mmoe: (tasks, seed) => mmoe({ tasks, inputShape: [d], experts: 8, expertHidden: [4], towerHidden: [8], seed }),
};

/** Parameter count of each model, as built. */
const parameters: Record<string, number> = {};

/** Per model, each seed's validation MSE averaged over the two tasks, at correlation p. */
async function lossesAt(p: number): Promise<Record<string, number[]>> {
  const losses: Record<string, number[]> = {};
  for (const seed of seeds) {
    const data = mmoeSynthetic({
      p,
      seed,
      d,
      m,
      alphas: Array.from({ length: m }, (_, i) => 0.3 * (i + 1)),
      train: 3000,
      validation: 1000,
      test: 0,
    });
    for (const [name, build] of Object.entries(builders)) {
      const model = build(data.tasks, seed);
      parameters[name] = countParameters(model).total;
      const history = await train(model, data, {
        epochs: 40,
        batchSize: 128,
        seed,
        optimizer: { learningRate: 0.01 },
        learningRateSchedule: linearDecay(),
        recordSteps: false,
        test: false,
      });
      const final = history.final.validation!.losses;
      (losses[name] ??= []).push((final.task1! + final.task2!) / 2);
      model.dispose();
    }
  }
  return losses;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
/** Per seed, `other`'s loss minus MMoE's: MMoE's edge over `other`. */
const edges = (losses: Record<string, number[]>, other: string) =>
  losses[other]!.map((loss, i) => loss - losses.mmoe![i]!);
const show = (values: number[]) => `${mean(values).toFixed(3)} [${values.map((v) => v.toFixed(2)).join(" ")}]`;

let related: Record<string, number[]> = {};
let unrelated: Record<string, number[]> = {};
let table = "";
before(async () => {
  await initBackend({ backend: "wasm" });
  tf.enableProdMode();
  related = await lossesAt(1);
  unrelated = await lossesAt(0);
  table = Object.keys(builders)
    .map((name) => `${name}: p=1 ${mean(related[name]!).toFixed(3)}, p=0 ${mean(unrelated[name]!).toFixed(3)}`)
    .join("; ");
  console.log(`validation MSE, mean of ${seeds.length} seeds — ${table}`);
  for (const other of ["shared bottom", "omoe"]) {
    console.log(
      `MMoE's edge over ${other} per seed: p=1 ${show(edges(related, other))}; p=0 ${show(edges(unrelated, other))}`,
    );
  }
});

test("MMoE correlation trend: the shared bottom and MMoE are compared at equal parameter counts", () => {
  assert.equal(parameters["shared bottom"], parameters.mmoe, `parameters: ${JSON.stringify(parameters)}`);
});

test("MMoE correlation trend (Ma et al. 2018, Fig. 4): shared bottom, OMoE and MMoE all do better on related tasks", () => {
  for (const name of Object.keys(builders)) {
    assert.ok(mean(related[name]!) < mean(unrelated[name]!), `${name} should do better on related tasks: ${table}`);
  }
});

for (const other of ["shared bottom", "omoe"]) {
  test(`MMoE correlation trend (Ma et al. 2018, Fig. 4): MMoE's edge over ${other} grows as correlation falls`, () => {
    const [atRelated, atUnrelated] = [edges(related, other), edges(unrelated, other)];
    assert.ok(
      mean(atUnrelated) > mean(atRelated),
      `edge over ${other} per seed: p=1 ${show(atRelated)}, p=0 ${show(atUnrelated)}`,
    );
  });
}
