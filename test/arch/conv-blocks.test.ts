// convBlocks is taskAttention's conv trunk without the masks: same output size, same shared parameters.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend, setSeed, clearSeed } from "../../src/backend";
import { convBlocks, encoderFromConfig, hardSharing, taskAttention, countParameters } from "../../src/arch";

const tasks = [
  { name: "left", kind: "classification" as const, classes: 10 },
  { name: "right", kind: "classification" as const, classes: 10 },
];

test("convBlocks has taskAttention's trunk: output 9·9·16 on 36×36 images and equal shared parameters", async () => {
  await initBackend({ backend: "cpu" });
  setSeed(1);
  const before = tf.memory().numTensors;
  const trunk = convBlocks({ inputShape: [36, 36, 1] });
  // 36 → 18 → 9 with "same" convolutions and 2×2 pooling; 16 filters at the end
  assert.deepEqual(trunk.build(), [9 * 9 * 16]);
  // conv 3·3·1·8 + 8 and 3·3·8·16 + 16
  assert.equal(
    trunk.variables().reduce((sum, v) => sum + v.size, 0),
    80 + 1168,
  );
  const plain = hardSharing({ trunk, tasks, head: { hidden: [16] }, inputName: "image", seed: 1 });
  const attention = taskAttention({ tasks, inputShape: [36, 36, 1], inputName: "image", seed: 1 });
  assert.equal(countParameters(plain).shared, countParameters(attention).shared);
  const rebuilt = encoderFromConfig(trunk.config);
  assert.deepEqual(rebuilt.build(), [1296]);
  rebuilt.dispose();
  plain.dispose();
  attention.dispose();
  clearSeed();
  assert.equal(tf.memory().numTensors, before);
});
