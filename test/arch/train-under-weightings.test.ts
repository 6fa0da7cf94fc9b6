// Every architecture trains a few steps under every exported weighting method, in every gradient
// mode the method and the model support, without leaking tensors.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, createRng } from "../../src/backend";
import * as weighting from "../../src/weighting";
import type { GradientMode, WeightingMethod } from "../../src/weighting/types";
import { train } from "../../src/train/train";
import type { Split } from "../../src/data/types";
import type { MultiTaskModel } from "../../src/arch/types";
import type { TaskSpec } from "../../src/tasks/types";
import { softSharing } from "../../src/arch/soft-sharing";
import { crossStitch } from "../../src/arch/cross-stitch";
import { mmoe, omoe } from "../../src/arch/mmoe";
import { cgc } from "../../src/arch/cgc";
import { ple } from "../../src/arch/ple";
import { taskAttention } from "../../src/arch/task-attention";
import { cascade } from "../../src/arch/cascade";
import { esmm } from "../../src/arch/esmm";
import { threeTasks } from "./support/fixtures";

before(async () => {
  await initBackend({ backend: "cpu" });
});

const small = { seed: 1 };
const architectures: [string, () => MultiTaskModel, number[]][] = [
  [
    "softSharing l2",
    () => softSharing({ tasks: threeTasks, inputShape: [4], hidden: [4], lambda: 0.1, ...small }),
    [4],
  ],
  [
    "softSharing traceNorm",
    () =>
      softSharing({ tasks: threeTasks, inputShape: [4], hidden: [4], coupling: "traceNorm", lambda: 0.1, ...small }),
    [4],
  ],
  ["crossStitch", () => crossStitch({ tasks: threeTasks, inputShape: [4], hidden: [4, 3], ...small }), [4]],
  [
    "mmoe",
    () => mmoe({ tasks: threeTasks, inputShape: [4], experts: 2, expertHidden: [4], towerHidden: [], ...small }),
    [4],
  ],
  [
    "omoe",
    () => omoe({ tasks: threeTasks, inputShape: [4], experts: 2, expertHidden: [4], towerHidden: [], ...small }),
    [4],
  ],
  ["cgc", () => cgc({ tasks: threeTasks, inputShape: [4], expertHidden: [4], towerHidden: [], ...small }), [4]],
  [
    "ple",
    () => ple({ tasks: threeTasks, inputShape: [4], levels: 2, expertHidden: [4], towerHidden: [], ...small }),
    [4],
  ],
  [
    "taskAttention dense",
    () => taskAttention({ tasks: threeTasks, inputShape: [4], widths: [4, 3], towerHidden: [], ...small }),
    [4],
  ],
  [
    "taskAttention conv",
    () => taskAttention({ tasks: threeTasks, inputShape: [4, 4, 1], widths: [2], towerHidden: [], ...small }),
    [4, 4, 1],
  ],
  ["cascade", () => cascade({ tasks: threeTasks, inputShape: [4], hidden: [4], towerHidden: [], ...small }), [4]],
  [
    "cascade detached",
    () => cascade({ tasks: threeTasks, inputShape: [4], hidden: [4], towerHidden: [], detach: true, ...small }),
    [4],
  ],
  ["esmm", () => esmm({ inputShape: [4], hidden: [4], towerHidden: [], ...small }), [4]],
];

/** Every exported factory that builds a weighting method with defaults (or given a task count and weights). */
function weightingMethods(taskCount: number): [string, () => WeightingMethod][] {
  const found: [string, () => WeightingMethod][] = [];
  for (const [name, factory] of Object.entries(weighting)) {
    if (typeof factory !== "function") continue;
    for (const args of [[], [{ taskCount, weights: Array.from({ length: taskCount }, () => 1) }]]) {
      const make = () => (factory as (...a: unknown[]) => WeightingMethod)(...args);
      try {
        const method = make();
        if (method && (method.kind === "loss" || method.kind === "gramian" || method.kind === "jacobian")) {
          if (method.kind === "loss") tf.dispose([...(method.variables ?? [])]);
          found.push([name, make]);
          break;
        }
      } catch {
        // not a method factory, or needs other options: try the next argument list
      }
    }
  }
  return found;
}

function column(values: number[], shape: number[], dtype: "float32" | "int32") {
  return { values: dtype === "int32" ? Int32Array.from(values) : Float32Array.from(values), shape, dtype };
}

/** A seeded split of `size` samples with targets of each task's kind. */
function splitFor(tasks: readonly TaskSpec[], inputShape: number[], size: number): Split {
  const rng = createRng(3);
  const width = inputShape.reduce((a, b) => a * b, 1);
  const targets: Split["targets"] = {};
  for (const task of tasks) {
    if (task.kind === "classification")
      targets[task.name] = column(
        Array.from({ length: size }, () => rng.int(task.classes!)),
        [],
        "int32",
      );
    else if (task.kind === "binary")
      targets[task.name] = column(
        Array.from({ length: size }, () => rng.int(2)),
        [],
        "float32",
      );
    else {
      const k = task.size ?? 1;
      targets[task.name] = column(
        Array.from({ length: size * k }, () => rng.normal()),
        k === 1 ? [] : [k],
        "float32",
      );
    }
  }
  return {
    size,
    inputs: {
      x: column(
        Array.from({ length: size * width }, () => rng.normal()),
        inputShape,
        "float32",
      ),
    },
    targets,
  };
}

test("every architecture trains under every weighting method and gradient mode without leaking tensors", async () => {
  const methods = weightingMethods(3);
  const names = methods.map(([name]) => name);
  for (const expected of ["equal", "uncertainty", "mgda", "pcgrad"])
    assert.ok(names.includes(expected), `weighting exports ${expected}`);
  let runs = 0;
  const refused = new Set<string>();
  let refusedLeaks = 0;
  for (const [label, build, inputShape] of architectures) {
    const probe = build();
    const data = splitFor(probe.tasks, inputShape, 16);
    const hasRepresentation = probe.representation !== undefined;
    const taskCount = probe.tasks.length;
    probe.dispose();
    for (const [name, make] of weightingMethods(taskCount)) {
      const modes: (GradientMode | undefined)[] = [];
      const sample = make();
      if (sample.kind !== "loss") {
        const allowed: GradientMode[] =
          sample.kind === "jacobian" && sample.modes ? [...sample.modes] : ["param", "representation"];
        modes.push(...allowed.filter((mode) => mode === "param" || hasRepresentation));
      } else {
        modes.push(undefined);
        tf.dispose([...(sample.variables ?? [])]);
      }
      for (const mode of modes) {
        const method = make();
        const tensorsBefore = tf.memory().numTensors;
        const model = build();
        const where = `${label} × ${name}${mode ? ` (${mode})` : ""}`;
        const run = () =>
          train(model, data, {
            epochs: 1,
            batchSize: 8,
            seed: 2,
            weighting: method,
            validation: false,
            test: false,
            optimizer: { type: "sgd", learningRate: 0.01 },
            ...(mode ? { gradientMode: mode } : {}),
          });
        if (method.kind !== "loss" && model.sharedVariables.length === 0) {
          // soft sharing has no shared parameters for a gradient method to weigh: the trainer refuses clearly
          await assert.rejects(run, { code: "no-shared-variables" }, where);
          refused.add(`${label} × gradient methods`);
          model.dispose();
          // leaks on the trainer's error path are the trainer's to test; counted for the report
          refusedLeaks += tf.memory().numTensors - tensorsBefore;
          continue;
        } else {
          const history = await run().catch((error: Error) => {
            throw new Error(`${where}: ${error.message}`);
          });
          assert.equal(history.steps.length, 2, where);
          assert.ok(
            history.steps.every((step) => Number.isFinite(step.total)),
            `${where}: finite losses`,
          );
        }
        model.dispose();
        assert.equal(tf.memory().numTensors, tensorsBefore, `${where}: no leaked tensors`);
        if (method.kind === "loss") tf.dispose([...(method.variables ?? [])]);
        runs += 1;
      }
    }
  }
  console.log(`refused: ${[...refused].join("; ") || "none"} (tensors left by refused runs: ${refusedLeaks})`);
  console.log(`${runs} runs: ${architectures.length} architectures × ${methods.length} methods (${names.join(", ")})`);
});
