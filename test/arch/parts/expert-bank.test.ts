// The batched expert bank must be the same maths as E separate MLPs, outputs and gradients alike.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../../src";
import { expertBank } from "../../../src/arch/parts/expert-bank";

function separateExperts(
  x: tf.Tensor2D,
  variables: readonly tf.Variable[],
  count: number,
  layers: number,
  activation: "relu" | "tanh",
): tf.Tensor3D {
  const act = activation === "relu" ? tf.relu : tf.tanh;
  const outputs = Array.from({ length: count }, (_, e) => {
    let h: tf.Tensor2D = x;
    for (let l = 0; l < layers; l++) {
      const kernel = variables[(e * layers + l) * 2] as tf.Variable;
      const bias = variables[(e * layers + l) * 2 + 1] as tf.Variable;
      h = act(tf.add(tf.matMul(h, kernel as tf.Tensor2D), bias)) as tf.Tensor2D;
    }
    return h;
  });
  return tf.stack(outputs, 1) as tf.Tensor3D;
}

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
}

for (const backend of ["cpu", "wasm"] as const) {
  for (const activation of ["relu", "tanh"] as const) {
    test(`a multi-layer expert bank equals separate experts (${backend}, ${activation})`, async () => {
      await initBackend({ backend });
      const hidden = [5, 3, 2];
      const bank = expertBank({ count: 4, inputSize: 6, hidden, activation, rng: createRng(7), name: "bank" });
      const x = tf.randomNormal([3, 6], 0, 1, "float32", 11) as tf.Tensor2D;
      const probe = tf.randomNormal([3, 4, 2], 0, 1, "float32", 12);
      const variables = bank.variables as tf.Variable[];
      const batched = tf.variableGrads(() => tf.sum(tf.mul(bank.apply(x), probe)) as tf.Scalar, variables);
      const separate = tf.variableGrads(
        () => tf.sum(tf.mul(separateExperts(x, variables, 4, hidden.length, activation), probe)) as tf.Scalar,
        variables,
      );
      assert.ok(Math.abs((batched.value.dataSync()[0] as number) - (separate.value.dataSync()[0] as number)) < 1e-5);
      for (const v of variables) {
        const difference = maxDifference(batched.grads[v.name] as tf.Tensor, separate.grads[v.name] as tf.Tensor);
        assert.ok(difference < 1e-5, `gradient of ${v.name} differs by ${difference}`);
      }
      const before = tf.memory().numTensors;
      tf.dispose(bank.apply(x));
      assert.equal(tf.memory().numTensors, before, "apply leaks nothing");
      tf.dispose([
        x,
        probe,
        batched.value,
        separate.value,
        ...Object.values(batched.grads),
        ...Object.values(separate.grads),
        ...variables,
      ]);
    });
  }
}
