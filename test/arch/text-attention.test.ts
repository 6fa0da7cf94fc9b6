import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { gruText, maskedMean, maskedSoftmax, sequenceMask, textAttention, type TextPooling } from "../../src/arch";
import { initBackend } from "../../src/backend";
import type { Task } from "../../src/tasks/types";

const tasks: Task[] = [
  { name: "party", kind: "classification", classes: 3 },
  { name: "year", kind: "regression" },
];

// Three passages of true lengths 5, 2 and 7, padded with 0 to `length`.
function tokens(length: number): tf.Tensor2D {
  const passages = [
    [4, 9, 2, 7, 7],
    [3, 11],
    [5, 6, 8, 1, 12, 2, 4],
  ];
  return tf.tensor2d(
    passages.flatMap((p) => [...p, ...new Array(length - p.length).fill(0)]),
    [3, length],
    "int32",
  );
}

const build = (length: number, pooling: TextPooling, output: "sequence" | "last" = "sequence") =>
  textAttention({
    trunk: gruText({ vocabSize: 13, sequenceLength: length, units: 6, embeddingSize: 5, output }),
    tasks,
    pooling,
    seed: 3,
  });

const flat = (outputs: Record<string, tf.Tensor>) => Object.values(outputs).flatMap((o) => Array.from(o.dataSync()));

for (const backend of ["cpu", "wasm"] as const) {
  for (const pooling of ["task", "shared", "mean"] as const) {
    test(`textAttention (${pooling} pooling, ${backend}): any padding length gives the same outputs`, async () => {
      await initBackend({ backend });
      const short = build(7, pooling);
      const long = build(15, pooling); // same seed: same weights (they do not depend on the length)
      const a = flat(short.forward({ tokens: tokens(7) }, { training: false }));
      const b = flat(long.forward({ tokens: tokens(15) }, { training: false }));
      const worst = Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));
      assert.ok(worst <= 1e-6, `largest difference ${worst}`);
      short.dispose();
      long.dispose();
    });
  }

  test(`textAttention (${backend}): no gradient to padded embeddings; attention sums to 1 on real tokens`, async () => {
    await initBackend({ backend });
    const model = build(9, "task");
    const x = tokens(9);
    const before = tf.memory().numTensors;
    const embedding = model.sharedVariables[0] as tf.Variable; // [vocab, E]; row 0 is <pad>
    const { value, grads } = tf.variableGrads(() => {
      const out = model.forward({ tokens: x }, { training: true });
      return tf.add(tf.sum(tf.square(out.party as tf.Tensor)), tf.sum(out.year as tf.Tensor)) as tf.Scalar;
    }, [embedding]);
    const padRow = Array.from((grads[embedding.name] as tf.Tensor).dataSync().slice(0, 5));
    assert.deepEqual(padRow, [0, 0, 0, 0, 0]);
    const used = Array.from((grads[embedding.name] as tf.Tensor).dataSync().slice(4 * 5, 5 * 5));
    assert.ok(
      used.some((g) => g !== 0),
      "a real token's embedding gets a gradient",
    );
    tf.dispose([value, ...Object.values(grads)]);
    const inspected = model.inspect!({ tokens: x });
    for (const name of ["attention/party", "attention/year"]) {
      const weights = (inspected[name] as tf.Tensor).arraySync() as number[][];
      [5, 2, 7].forEach((length, b) => {
        const row = weights[b] as number[];
        const real = row.slice(0, length).reduce((s, w) => s + w, 0);
        assert.ok(Math.abs(real - 1) < 1e-6, `${name} row ${b} sums to ${real}`);
        assert.ok(
          row.slice(length).every((w) => w === 0),
          `${name} row ${b} weighs padding`,
        );
      });
    }
    tf.dispose(Object.values(inspected));
    assert.equal(tf.memory().numTensors, before, "no tensor leaks");
    x.dispose();
    model.dispose();
  });
}

test("task pooling gives each task its own attention variables; shared pooling shares them", () => {
  const perTask = build(7, "task");
  const shared = build(7, "shared");
  assert.equal(perTask.taskVariables.party!.length, shared.taskVariables.party!.length + 3);
  assert.equal(shared.sharedVariables.length, perTask.sharedVariables.length + 3);
  assert.deepEqual(Object.keys(shared.inspect!({ tokens: tokens(7) })), ["attention/shared"]);
  perTask.dispose();
  shared.dispose();
});

test("bad input: ids outside the vocabulary, an empty passage, a mask that does not match, a flat trunk", () => {
  const model = build(7, "task");
  const codeOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return `${(error as { code?: string }).code}: ${(error as Error).message}`;
    }
    return "nothing thrown";
  };
  const out = tf.tensor2d([[1, 13, 0, 0, 0, 0, 0]], undefined, "int32");
  assert.match(
    codeOf(() => model.forward({ tokens: out }, { training: false })),
    /^token-out-of-vocabulary: .*id 13; expected an integer in 0\.\.12/,
  );
  const negative = tf.tensor2d([[1, -2, 0, 0, 0, 0, 0]], undefined, "int32");
  assert.match(
    codeOf(() => model.predict({ tokens: negative })),
    /^token-out-of-vocabulary: .*step 1 has token id -2/,
  );
  const empty = tf.tensor2d(
    [
      [3, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    undefined,
    "int32",
  );
  assert.match(
    codeOf(() => model.predict({ tokens: empty })),
    /^empty-passage: .*passage 1 of the batch has no token/,
  );
  assert.match(
    codeOf(() => maskedMean(tf.ones([2, 4, 3]), tf.ones([3, 4]))),
    /^mask-shape: maskedMean expected a mask \[batch, time\] = \[2, 4\]/,
  );
  assert.match(
    codeOf(() => maskedSoftmax(tf.ones([2, 4]), tf.ones([2, 5]))),
    /^mask-shape: /,
  );
  assert.match(
    codeOf(() => textAttention({ trunk: gruText({ vocabSize: 13, sequenceLength: 7 }), tasks })),
    /^bad-trunk-output: .*gives \[32\]; use gruText\(\{ vocabSize, sequenceLength, output: "sequence" \}\)/,
  );
  assert.match(
    codeOf(() => sequenceMask(tf.tensor2d([[2.5, 1]]), { vocabSize: 4 })),
    /^token-out-of-vocabulary: .*id 2\.5/,
  );
  model.dispose();
});

test("gruText's last state ignores padding, and its mean averages real steps only", async () => {
  await initBackend({ backend: "wasm" });
  for (const output of ["last", "mean"] as const) {
    const outputs = [7, 12].map((length) => {
      const encoder = gruText({ vocabSize: 13, sequenceLength: length, units: 4, output, seed: 5 });
      const values = tf.tidy(() => Array.from(encoder.apply(tokens(length), { training: false }).dataSync()));
      encoder.dispose();
      return values;
    });
    const worst = Math.max(...outputs[0]!.map((v, i) => Math.abs(v - (outputs[1]![i] as number))));
    assert.ok(worst <= 1e-6, `${output}: ${worst}`);
  }
});
