import { test } from "node:test";
import assert from "node:assert/strict";
import { throwsCode } from "./throws-code";
import { resolveTask, resolveTasks, taskKinds, kindDefaults, type Task } from "../../src/tasks";

const examples: Record<string, Task> = {
  classification: { name: "digit", kind: "classification", classes: 10 },
  binary: { name: "spam", kind: "binary" },
  multilabel: { name: "tags", kind: "multilabel", classes: 5 },
  regression: { name: "rating", kind: "regression" },
  bbox: { name: "box", kind: "bbox" },
  ranking: { name: "items", kind: "ranking", size: 6 },
  mask: { name: "digitMask", kind: "mask", size: 9 },
  retrieval: { name: "movie", kind: "retrieval", size: 4, candidates: 200 },
};

test("every task kind resolves to its default loss, activation, metrics, output width and target shape", () => {
  const expected = {
    classification: ["crossEntropy", "softmax", ["accuracy", "macroF1"], 10, [], "int32"],
    binary: ["binaryCrossEntropy", "sigmoid", ["accuracy", "rocAuc"], 1, [], "float32"],
    multilabel: ["binaryCrossEntropy", "sigmoid", ["accuracy", "macroF1"], 5, [5], "float32"],
    regression: ["mse", "identity", ["rmse", "mae"], 1, [], "float32"],
    bbox: ["smoothL1", "identity", ["iou", "mae"], 4, [4], "float32"],
    ranking: ["listNet", "identity", ["ndcg"], 6, [6], "float32"],
    mask: ["binaryCrossEntropy", "sigmoid", ["pixelAccuracy", "meanIou"], 9, [9], "float32"],
    retrieval: ["inBatchSoftmax", "identity", ["topKAccuracy"], 8, [], "float32"],
  } as const;
  for (const kind of taskKinds) {
    const task = resolveTask(examples[kind] as Task);
    const [loss, activation, metrics, width, shape, dtype] = expected[kind];
    assert.equal(task.loss, loss, kind);
    assert.equal(task.activation, activation, kind);
    assert.deepEqual(task.metrics, metrics, kind);
    assert.equal(task.outputWidth, width, kind);
    assert.deepEqual(task.targetShape, shape, kind);
    assert.equal(task.targetDtype, dtype, kind);
    assert.equal(task.weight, 1);
    assert.equal(kindDefaults[kind].loss, loss);
  }
});

test("per-task options override the kind's defaults", () => {
  const task = resolveTask({ name: "rating", kind: "regression", size: 2, loss: "mae", weight: 0.5, metrics: ["mae"] });
  assert.deepEqual(
    [task.loss, task.weight, task.metrics, task.outputWidth, task.targetShape],
    ["mae", 0.5, ["mae"], 2, [2]],
  );
  const [left] = resolveTasks([examples.classification as Task], { digit: { weight: 3 } });
  assert.equal(left?.weight, 3);
});

test("a regression task given cross-entropy is a loss-kind-mismatch naming the task and the fix", () => {
  throwsCode(
    () => resolveTask({ name: "rating", kind: "regression", loss: "crossEntropy" }),
    "loss-kind-mismatch",
    /^task "rating" has kind "regression" but loss "crossEntropy" needs kind "classification"; use loss "mse"\.$/,
  );
  throwsCode(
    () => resolveTask({ name: "box", kind: "bbox", loss: "binaryCrossEntropy" }),
    "loss-kind-mismatch",
    /^task "box" has kind "bbox" but loss "binaryCrossEntropy" needs kind "binary", "multilabel" or "mask"; use loss "smoothL1"\.$/,
  );
});

test("every other task error has a stable code and a message with the fix", () => {
  const cases: [Task, string, RegExp][] = [
    [
      { name: "t", kind: "depth" as never },
      "unknown-kind",
      /task "t" has kind "depth".*use one of "classification", "binary"/,
    ],
    [
      { name: "digit", kind: "classification" },
      "missing-classes",
      /task "digit" has kind "classification" but classes is undefined; give the number of classes/,
    ],
    [{ name: "tags", kind: "multilabel", classes: 0 }, "missing-classes", /give the number of labels/],
    [
      { name: "box", kind: "bbox", size: 2 },
      "bad-size",
      /task "box" has kind "bbox" and size 2, expected 4; omit size/,
    ],
    [{ name: "r", kind: "regression", size: 0 }, "bad-size", /expected an integer ≥ 1/],
    [
      { name: "r", kind: "regression", loss: "huber" as never },
      "unknown-loss",
      /loss "huber".*use one of "crossEntropy"/,
    ],
    [
      { name: "r", kind: "regression", metrics: ["accuracy"] },
      "metric-kind-mismatch",
      /task "r" has kind "regression" but metric "accuracy" needs kind "classification", "binary" or "multilabel"; use metrics "rmse", "mae"/,
    ],
    [
      { name: "r", kind: "regression", metrics: ["r2" as never] },
      "unknown-metric",
      /metric "r2".*use one of "accuracy"/,
    ],
    [
      { name: "r", kind: "regression", weight: -1 },
      "bad-weight",
      /task "r" has weight -1 but a weight must be a finite number ≥ 0/,
    ],
  ];
  for (const [task, code, message] of cases) throwsCode(() => resolveTask(task), code, message);
  throwsCode(
    () => resolveTasks([examples.binary as Task, examples.binary as Task]),
    "duplicate-task",
    /task "spam" is declared twice/,
  );
  throwsCode(
    () => resolveTasks([examples.binary as Task], { ham: { weight: 2 } }),
    "unknown-task",
    /task "ham".*use one of "spam"/,
  );
});

test("a loss that is a value (a tensor computed once, seed 002 §4) or a malformed object is refused by name", async () => {
  const tf = await import("@tensorflow/tfjs-core");
  await (await import("../../src/backend")).initBackend({ backend: "cpu" });
  const computedOnce = tf.scalar(1.5);
  const asLoss = (loss: unknown): Task => ({ name: "digit", kind: "classification", classes: 10, loss: loss as "mse" });
  throwsCode(
    () => resolveTask(asLoss(computedOnce)),
    "bad-loss",
    /task "digit" has a loss that is neither .*found a Tensor/,
  );
  throwsCode(
    () => resolveTask(asLoss({ kinds: ["classification"] })),
    "bad-loss",
    /found an object with keys "kinds"; name a loss/,
  );
  throwsCode(() => resolveTask(asLoss("focal")), "unknown-loss", /loss "focal"/);
  computedOnce.dispose();
});
