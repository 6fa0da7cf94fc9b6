import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { throwsCode } from "./throws-code";
import type { Split } from "../../src/data/types";
import { resolveTasks, validateOutputs, type Task } from "../../src/tasks";
import { validateSplit } from "../../src/data";

const tasks: Task[] = [
  { name: "left", kind: "classification", classes: 3 },
  { name: "box", kind: "bbox" },
];

function split(overrides: Partial<Split> = {}): Split {
  return {
    size: 2,
    inputs: { image: { values: new Float32Array(8), shape: [2, 2], dtype: "float32" } },
    targets: {
      left: { values: Int32Array.from([0, 2]), shape: [], dtype: "int32" },
      box: { values: new Float32Array(8), shape: [4], dtype: "float32" },
    },
    ...overrides,
  };
}

test("a split that fits passes, masked-out labels are not checked", () => {
  validateSplit(resolveTasks(tasks), split(), ["image"]);
  const bad = split({ masks: { left: Uint8Array.from([1, 0]) } });
  (bad.targets.left as { values: Int32Array }).values[1] = 99;
  validateSplit(resolveTasks(tasks), bad, ["image"]);
});

test("every data validation error is matched by code and message", () => {
  const resolved = resolveTasks(tasks);
  throwsCode(
    () => validateSplit(resolveTasks([{ name: "depth", kind: "regression" }]), split(), ["image"]),
    "unknown-task",
    /^task "depth" is not in the data's targets; rename the task to one of "left", "box", or add a target "depth"\.$/,
  );
  throwsCode(
    () => validateSplit(resolved, split(), ["x"]),
    "missing-input",
    /model reads input "x".*set the model's inputName to one of "image"/,
  );
  const oneHot = split();
  oneHot.targets.left = { values: new Int32Array(6), shape: [3], dtype: "int32" };
  throwsCode(
    () => validateSplit(resolved, oneHot, ["image"]),
    "target-shape-mismatch",
    /task "left" of kind "classification" needs a target of shape \[\] per sample but the data has \[3\]; give class indices/,
  );
  const shortBox = split();
  shortBox.targets.box = { values: new Float32Array(4), shape: [2], dtype: "float32" };
  throwsCode(
    () => validateSplit(resolved, shortBox, ["image"]),
    "target-shape-mismatch",
    /task "box" of kind "bbox" needs a target of shape \[4\].*has \[2\]/,
  );
  const floats = split();
  floats.targets.left = { values: Float32Array.from([0, 1]), shape: [], dtype: "float32" };
  throwsCode(
    () => validateSplit(resolved, floats, ["image"]),
    "target-dtype-mismatch",
    /task "left".*needs int32 class indices but the data has float32/,
  );
  const outOfRange = split();
  outOfRange.targets.left = { values: Int32Array.from([0, 7]), shape: [], dtype: "int32" };
  throwsCode(
    () => validateSplit(resolved, outOfRange, ["image"]),
    "class-count-mismatch",
    /task "left" has 3 classes but the data's target of sample 1 is class 7; set classes/,
  );
  throwsCode(
    () => validateSplit(resolved, split({ size: 3 }), ["image"]),
    "column-length-mismatch",
    /input "image" has 8 values but the data has 3 samples of width 4/,
  );
  throwsCode(
    () => validateSplit(resolved, split({ masks: { left: new Uint8Array(5) } }), ["image"]),
    "mask-length-mismatch",
    /mask of task "left" has 5 entries but the data has 2 samples/,
  );
});

test("outputs are checked against the tasks: missing heads and class counts", async () => {
  await initBackend({ backend: "cpu" });
  const resolved = resolveTasks(tasks);
  validateOutputs(resolved, { left: tf.zeros([8, 3]), box: tf.zeros([8, 4]) });
  throwsCode(
    () => validateOutputs(resolved, { left: tf.zeros([8, 3]) }),
    "missing-output",
    /model has no output for task "box" \(outputs: "left"\); give every task its own head side by side/,
  );
  throwsCode(
    () => validateOutputs(resolved, { left: tf.zeros([8, 5]), box: tf.zeros([8, 4]) }),
    "class-count-mismatch",
    /^task "left" has 3 classes but its head outputs 5 values per sample; give the head 3 units, or set classes: 5\.$/,
  );
  throwsCode(
    () => validateOutputs(resolved, { left: tf.zeros([8, 3]), box: tf.zeros([8, 2]) }),
    "output-width-mismatch",
    /task "box" of kind "bbox" needs outputs of shape \[batch, 4\] but the model gives \[8, 2\]/,
  );
});
