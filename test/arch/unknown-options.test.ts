// A typo in an option name from plain JavaScript (where the compiler cannot see it) is an MtlError
// naming the option, the function and the known options, for every architecture, encoder and train.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tfl from "@tensorflow/tfjs-layers";
import { initBackend } from "../../src/backend";
import { MtlError } from "../../src/errors";
import * as arch from "../../src/arch";
import { train } from "../../src/train";
import { makeDataset, makeModel, tasks } from "../train/fixtures";

const base = { tasks, inputShape: [4] };
const factories: Record<string, (typo: Record<string, unknown>) => unknown> = {
  hardSharing: (typo) => arch.hardSharing({ trunk: arch.mlp({ inputShape: [4], hidden: [4] }), tasks, ...typo }),
  softSharing: (typo) => arch.softSharing({ ...base, ...typo }),
  crossStitch: (typo) => arch.crossStitch({ ...base, ...typo }),
  mmoe: (typo) => arch.mmoe({ ...base, ...typo }),
  omoe: (typo) => arch.omoe({ ...base, ...typo }),
  cgc: (typo) => arch.cgc({ ...base, ...typo }),
  ple: (typo) => arch.ple({ ...base, ...typo }),
  taskAttention: (typo) => arch.taskAttention({ ...base, ...typo }),
  cascade: (typo) => arch.cascade({ ...base, ...typo }),
  esmm: (typo) => arch.esmm({ inputShape: [4], ...typo }),
  multiTaskModel: (typo) =>
    arch.multiTaskModel({
      name: "m",
      tasks,
      inputShape: [4],
      forward: () => ({}),
      sharedVariables: [],
      taskVariables: {},
      ...typo,
    }),
  mlp: (typo) => arch.mlp({ inputShape: [4], ...typo }),
  lenet: (typo) => arch.lenet({ inputShape: [28, 28, 1], ...typo }),
  gruText: (typo) => arch.gruText({ vocabSize: 10, sequenceLength: 3, ...typo }),
  convText: (typo) => arch.convText({ vocabSize: 10, sequenceLength: 3, ...typo }),
  layerStack: (typo) => arch.layerStack({ layers: [tfl.layers.dense({ units: 2 })], inputShape: [4], ...typo }),
  taskHead: (typo) => arch.taskHead(tasks[0]!, [4], typo),
};

/** An MtlError "unknown-option" that names the typo, the function, and a known option. */
const unknownOption = (functionName: string, typo: string, known: string) => (error: unknown) =>
  error instanceof MtlError &&
  error.code === "unknown-option" &&
  error.message.includes(`"${typo}"`) &&
  error.message.includes(functionName) &&
  error.message.includes(`"${known}"`);

for (const [name, build] of Object.entries(factories)) {
  test(`${name} rejects an unknown option name and lists the known ones`, async () => {
    await initBackend({ backend: "cpu" });
    const known =
      name === "taskHead"
        ? "hidden"
        : name === "multiTaskModel"
          ? "inputName"
          : name === "layerStack"
            ? "layers"
            : "seed";
    assert.throws(() => build({ seeed: 1 }), unknownOption(name, "seeed", known));
  });
}

test("cgc has no levels (that is ple's option)", async () => {
  await initBackend({ backend: "cpu" });
  assert.throws(() => arch.cgc({ ...base, levels: 2 } as never), unknownOption("cgc", "levels", "sharedExperts"));
});

test("train rejects unknown option names, also inside optimizer, earlyStopping and checkpoint", async () => {
  await initBackend({ backend: "cpu" });
  const model = makeModel(1);
  const data = makeDataset(1, 32);
  const run = (options: Record<string, unknown>) => train(model, data, { epochs: 1, ...options });
  await assert.rejects(run({ epoch: 3 }), unknownOption("train", "epoch", "epochs"));
  await assert.rejects(run({ optimizer: { lr: 0.1 } }), unknownOption("train (optimizer)", "lr", "learningRate"));
  await assert.rejects(
    run({ earlyStopping: { patients: 2 } }),
    unknownOption("train (earlyStopping)", "patients", "patience"),
  );
  await assert.rejects(
    run({ checkpoint: { dir: "x", resumed: true } }),
    unknownOption("train (checkpoint)", "resumed", "resume"),
  );
  model.dispose();
});
