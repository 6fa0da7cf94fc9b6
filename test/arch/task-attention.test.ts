import { test, before } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../src/backend";
import { taskAttention } from "../../src/arch/task-attention";
import {
  batchFor,
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

function checkMasks(
  masks: Record<string, { shape: number[]; dataSync(): ArrayLike<number> }>,
  expected: Record<string, number[]>,
): void {
  assert.deepEqual(Object.keys(masks), Object.keys(expected));
  for (const [name, mask] of Object.entries(masks)) {
    assert.deepEqual(mask.shape, expected[name]);
    assert.ok(
      Array.from(mask.dataSync()).every((value) => value > 0 && value < 1),
      `${name} is a soft mask in (0, 1)`,
    );
  }
}

test("taskAttention (dense): shapes, ownership, representation, masks in (0, 1), no leaks", () => {
  const model = taskAttention({ tasks: threeTasks, inputShape: [6], widths: [5, 4], towerHidden: [3], seed: 1 });
  const inputs = batchFor(model, [7, 6]);
  checkShapes(model, inputs, 7);
  checkOwnership(model, inputs);
  const z = model.representation!(inputs, { training: false });
  assert.deepEqual(z.shape, [7, 5 + 4]);
  z.dispose();
  checkRepresentation(model, inputs);
  const masks = model.inspect!(inputs);
  checkMasks(
    masks,
    Object.fromEntries(
      threeTasks.flatMap((task) => [
        [`mask/${task.name}/0`, [7, 5]],
        [`mask/${task.name}/1`, [7, 4]],
      ]),
    ),
  );
  disposeAll(masks);
  checkNoLeaks(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("taskAttention (conv): masks over [H, W, C] feature maps of a pooled conv trunk", () => {
  const model = taskAttention({ tasks: threeTasks, inputShape: [9, 8, 1], widths: [3, 4], towerHidden: [], seed: 2 });
  const inputs = batchFor(model, [2, 9, 8, 1]);
  checkShapes(model, inputs, 2);
  checkOwnership(model, inputs);
  const z = model.representation!(inputs, { training: false });
  assert.deepEqual(z.shape, [2, 4 * 4 * 3 + 2 * 2 * 4]);
  z.dispose();
  checkRepresentation(model, inputs);
  const masks = model.inspect!(inputs);
  checkMasks(
    masks,
    Object.fromEntries(
      threeTasks.flatMap((task) => [
        [`mask/${task.name}/0`, [2, 4, 4, 3]],
        [`mask/${task.name}/1`, [2, 2, 2, 4]],
      ]),
    ),
  );
  disposeAll(masks);
  checkNoLeaks(model, inputs);
  model.dispose();
  disposeAll(inputs);
});

test("taskAttention: a conv trunk needs [H, W, C] inputs", () => {
  assert.throws(() => taskAttention({ tasks: threeTasks, inputShape: [36], trunk: "conv" }), {
    name: "MtlError",
    message: /needs inputShape \[H, W, C\] but got \[36\]/,
  });
});
