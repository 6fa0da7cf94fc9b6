import { test, before } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../src/backend";
import { cgc } from "../../src/arch/cgc";
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

test("cgc: shapes, ownership, representation = shared experts [B, m_s, d], gates over m_t + m_s sum to one", () => {
  const model = cgc({
    tasks: threeTasks,
    inputShape: [6],
    sharedExperts: 2,
    taskExperts: 2,
    expertHidden: [5],
    towerHidden: [4],
    seed: 1,
  });
  const inputs = batchFor(model, [7, 6]);
  checkShapes(model, inputs, 7);
  checkOwnership(model, inputs);
  const z = model.representation!(inputs, { training: false });
  assert.deepEqual(z.shape, [7, 2, 5]);
  z.dispose();
  checkRepresentation(model, inputs);
  const gates = model.inspect!(inputs);
  assert.deepEqual(Object.keys(gates), ["gate/a/0", "gate/b/0", "gate/c/0"]);
  assert.deepEqual(gates["gate/b/0"]!.shape, [7, 4]);
  assert.equal(checkGates(gates), 3);
  disposeAll(gates);
  checkNoLeaks(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("cgc: counts of experts must be positive integers", () => {
  assert.throws(() => cgc({ tasks: threeTasks, inputShape: [6], sharedExperts: 0 }), {
    name: "MtlError",
    message: /sharedExperts must be an integer ≥ 1 but is 0/,
  });
});
