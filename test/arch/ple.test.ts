import { test, before } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../src/backend";
import { ple } from "../../src/arch/ple";
import {
  batchFor,
  checkGates,
  checkNoLeaks,
  checkOwnership,
  checkRepresentation,
  checkShapes,
  disposeAll,
} from "./support/model-checks";
import { threeTasks } from "./support/fixtures";

before(async () => {
  await initBackend({ backend: "cpu" });
});

test("ple: three levels — shapes, ownership by gradient reach, task and shared gates sum to one, no leaks", () => {
  const model = ple({
    tasks: threeTasks,
    inputShape: [6],
    levels: 3,
    sharedExperts: 2,
    taskExperts: 1,
    expertHidden: [5],
    towerHidden: [4],
    seed: 1,
  });
  const inputs = batchFor(model, [7, 6]);
  checkShapes(model, inputs, 7);
  checkOwnership(model, inputs);
  assert.equal(model.representation, undefined);
  const gates = model.inspect!(inputs);
  assert.deepEqual(Object.keys(gates), [
    "gate/a/0",
    "gate/b/0",
    "gate/c/0",
    "gate/shared/0",
    "gate/a/1",
    "gate/b/1",
    "gate/c/1",
    "gate/shared/1",
    "gate/a/2",
    "gate/b/2",
    "gate/c/2",
  ]);
  assert.deepEqual(gates["gate/a/2"]!.shape, [7, 3]);
  assert.deepEqual(gates["gate/shared/0"]!.shape, [7, 3 * 1 + 2]);
  assert.equal(checkGates(gates), 11);
  disposeAll(gates);
  checkNoLeaks(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("ple: two levels own exactly tower, last-level experts and gate, and the level-1 gate per task", () => {
  const model = ple({ tasks: threeTasks, inputShape: [6], levels: 2, expertHidden: [5], towerHidden: [], seed: 2 });
  // tower head (2) + last-level task expert (2) + last gate (2) + first-level gate (2)
  for (const task of threeTasks) assert.equal(model.taskVariables[task.name]!.length, 8);
  const inputs = batchFor(model, [4, 6]);
  checkOwnership(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("ple: one level is CGC and has a representation", () => {
  const model = ple({ tasks: threeTasks, inputShape: [6], levels: 1, seed: 3 });
  const inputs = batchFor(model, [4, 6]);
  checkRepresentation(model, inputs);
  model.dispose();
  disposeAll(inputs);
});
