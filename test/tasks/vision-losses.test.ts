import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../src/backend";
import { lossFunctions as losses, resolveTask, resolveTasks, taskLoss } from "../../src/tasks";
import { validateSplit } from "../../src/data";
import { throwsCode } from "./throws-code";

const close = (actual: ArrayLike<number>, expected: number[], tolerance = 1e-5): void => {
  assert.equal(actual.length, expected.length);
  expected.forEach((value, i) =>
    assert.ok(Math.abs((actual[i] as number) - value) < tolerance, `${actual[i]} vs ${value} at ${i}`),
  );
};

const perSample = (name: "dice" | "giou", outputs: number[][], targets: number[][]): Float32Array =>
  tf.tidy(() => losses[name].perSample(tf.tensor2d(outputs), tf.tensor2d(targets)).dataSync() as Float32Array);

test("soft Dice matches hand values", async () => {
  await initBackend({ backend: "cpu" });
  const before = tf.memory().numTensors;
  // logits 0 → p = 0.5: 1 − (2·0.5 + 1)/(1 + 1 + 1) = 1/3
  close(perSample("dice", [[0, 0]], [[1, 0]]), [1 / 3]);
  // a confident, right mask → ≈ 0; an empty mask predicted empty → 0 thanks to the smoothing
  close(perSample("dice", [[30, -30, -30]], [[1, 0, 0]]), [0]);
  close(perSample("dice", [[-30, -30]], [[0, 0]]), [0]);
  // all wrong: 1 − 1/(2 + 1) = 2/3
  close(perSample("dice", [[-30, 30]], [[1, 0]]), [2 / 3]);
  assert.equal(tf.memory().numTensors, before);
});

// GIoU in float64, written from the paper's Algorithm 2, the reference for values and finite differences.
function giouLoss(p: number[], t: number[]): number {
  const [px1, py1] = [p[0]!, p[1]!];
  const [px2, py2] = [Math.max(p[2]!, px1), Math.max(p[3]!, py1)];
  const area = (x1: number, y1: number, x2: number, y2: number): number => (x2 - x1) * (y2 - y1);
  const inter =
    Math.max(0, Math.min(px2, t[2]!) - Math.max(px1, t[0]!)) * Math.max(0, Math.min(py2, t[3]!) - Math.max(py1, t[1]!));
  const union = area(px1, py1, px2, py2) + area(t[0]!, t[1]!, t[2]!, t[3]!) - inter;
  const hull = area(Math.min(px1, t[0]!), Math.min(py1, t[1]!), Math.max(px2, t[2]!), Math.max(py2, t[3]!));
  return 1 - inter / union + (hull - union) / hull;
}

test("GIoU loss matches hand values (Rezatofighi et al. 2019)", async () => {
  await initBackend({ backend: "cpu" });
  // disjoint unit boxes 1 apart: IoU 0, hull 3, union 2 → 1 + 1/3
  close(perSample("giou", [[0, 0, 1, 1]], [[2, 0, 3, 1]]), [4 / 3]);
  // overlap 1 of union 7 inside a 3×3 hull: 1 − 1/7 + 2/9
  close(perSample("giou", [[0, 0, 2, 2]], [[1, 1, 3, 3]]), [1 - 1 / 7 + 2 / 9]);
  close(perSample("giou", [[0.2, 0.3, 0.6, 0.9]], [[0.2, 0.3, 0.6, 0.9]]), [0]);
  // a flipped prediction is raised to zero width: IoU 0 inside the target's hull → 1
  close(perSample("giou", [[1, 0, 0, 1]], [[0, 0, 1, 1]]), [1]);
  assert.ok(Math.abs(giouLoss([0, 0, 2, 2], [1, 1, 3, 3]) - (1 - 1 / 7 + 2 / 9)) < 1e-12);
});

test("GIoU gradient matches central finite differences, overlapping and disjoint", async () => {
  await initBackend({ backend: "cpu" });
  for (const [box, target] of [
    [
      [0.1, 0.2, 0.5, 0.7],
      [0.3, 0.1, 0.8, 0.6],
    ],
    [
      [0.1, 0.1, 0.3, 0.2],
      [0.6, 0.5, 0.9, 0.9],
    ],
  ]) {
    const analytic = tf.tidy(() => {
      const f = (x: tf.Tensor): tf.Scalar =>
        tf.sum(losses.giou.perSample(x as tf.Tensor2D, tf.tensor2d([target!]))) as tf.Scalar;
      return Array.from(
        tf
          .grad(f)(tf.tensor2d([box!]))
          .dataSync(),
      );
    });
    const h = 1e-6;
    const numeric = box!.map((_, k) => {
      const shifted = (delta: number): number[] => box!.map((v, j) => (j === k ? v + delta : v));
      return (giouLoss(shifted(h), target!) - giouLoss(shifted(-h), target!)) / (2 * h);
    });
    close(analytic, numeric, 1e-4);
    assert.ok(
      numeric.some((value) => Math.abs(value) > 0.1),
      "the disjoint case still has a gradient",
    );
  }
});

test("a sigmoid box head's loss is taken on σ(outputs); its targets must lie in [0, 1]", async () => {
  await initBackend({ backend: "cpu" });
  const task = resolveTask({ name: "box", kind: "bbox", activation: "sigmoid", loss: "giou" });
  const logit = (p: number): number => Math.log(p / (1 - p));
  const loss = tf.tidy(
    () =>
      taskLoss(
        task,
        tf.tensor2d([[0, 0, 2, 2].map((v) => logit(0.1 + v / 4))]),
        tf.tensor2d([[1, 1, 3, 3].map((v) => 0.1 + v / 4)]),
      ).dataSync()[0],
  );
  close([loss!], [1 - 1 / 7 + 2 / 9]);
  const split = {
    size: 1,
    inputs: {},
    targets: { box: { values: new Float32Array([0, 3, 20, 27]), shape: [4], dtype: "float32" as const } },
  };
  throwsCode(
    () => validateSplit([task], split as never, []),
    "box-out-of-range",
    /task "box" has a sigmoid box head .* coordinate 3/,
  );
  throwsCode(
    () => resolveTask({ name: "digit", kind: "classification", classes: 10, activation: "sigmoid" }),
    "bad-activation",
    /task "digit"/,
  );
});

test("a mask of the wrong size is refused naming the task; [H, W] and flat masks both fit", () => {
  const [mask] = resolveTasks([{ name: "digitMask", kind: "mask", size: 784 }]);
  const split = (shape: number[]) => ({
    size: 1,
    inputs: {},
    targets: {
      digitMask: { values: new Float32Array(shape.reduce((a, b) => a * b, 1)), shape, dtype: "float32" as const },
    },
  });
  validateSplit([mask!], split([28, 28]) as never, []);
  validateSplit([mask!], split([784]) as never, []);
  throwsCode(
    () => validateSplit([mask!], split([14, 14]) as never, []),
    "target-shape-mismatch",
    /task "digitMask" of kind "mask" .*\[14, 14\]/,
  );
  throwsCode(
    () => resolveTask({ name: "digitMask", kind: "mask" }),
    "bad-size",
    /task "digitMask" has kind "mask" but no size/,
  );
});

test("a masked-out sample's mask loss counts for nothing", async () => {
  await initBackend({ backend: "cpu" });
  const task = resolveTask({ name: "digitMask", kind: "mask", size: 2, loss: "dice" });
  const value = tf.tidy(
    () =>
      taskLoss(
        task,
        tf.tensor2d([
          [0, 0],
          [-30, 30],
        ]),
        tf.tensor2d([
          [1, 0],
          [1, 0],
        ]),
        tf.tensor1d([1, 0]),
      ).dataSync()[0],
  );
  close([value!], [1 / 3]);
});
